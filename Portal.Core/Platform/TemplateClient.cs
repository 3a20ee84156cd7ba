using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Portal.Core.Platform;

/// <summary>
/// Template messages: notices a service account may send a follower at any time, unlike customer-service
/// messages (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html).
/// Sends normally go through the outbox (<c>Notifications.TemplateSends</c>), which calls this.
/// </summary>
public sealed class TemplateClient(IHttpClientFactory http, IOptions<WeChatOptions> options)
{
    private const string SendEndpoint = "cgi-bin/message/template/send";
    private const string ListEndpoint = "cgi-bin/template/get_all_private_template";

    /// <summary>POST /cgi-bin/message/template/send; returns the msgid the TEMPLATESENDJOBFINISH event will name.</summary>
    public async Task<long> SendAsync(string accessToken, TemplateMessage message, CancellationToken ct = default)
    {
        var url = new Uri(options.Value.ApiBaseUrl, $"{SendEndpoint}?access_token={Uri.EscapeDataString(accessToken)}");
        // Sent once: the outbox owns retrying messages to followers (see PlatformResilience).
        using var request = PlatformHttp.SendOnce(url, message);
        using var response = await http.CreateClient(PlatformHttp.ClientName).SendAsync(request, ct).ConfigureAwait(false);
        var body = await PlatformHttp.ReadAsync<SendResult>(response, SendEndpoint, ct).ConfigureAwait(false);
        return body.MsgId;
    }

    /// <summary>GET /cgi-bin/template/get_all_private_template: the templates the account has added.</summary>
    public async Task<IReadOnlyList<TemplateInfo>> GetAllPrivateTemplatesAsync(string accessToken, CancellationToken ct = default)
    {
        var url = new Uri(options.Value.ApiBaseUrl, $"{ListEndpoint}?access_token={Uri.EscapeDataString(accessToken)}");
        using var response = await http.CreateClient(PlatformHttp.ClientName).GetAsync(url, ct).ConfigureAwait(false);
        var body = await PlatformHttp.ReadAsync<ListResult>(response, ListEndpoint, ct).ConfigureAwait(false);
        return body.TemplateList ?? [];
    }

    private sealed record SendResult : PlatformResult
    {
        [JsonPropertyName("msgid")]
        public long MsgId { get; init; }
    }

    private sealed record ListResult : PlatformResult
    {
        [JsonPropertyName("template_list")]
        public List<TemplateInfo>? TemplateList { get; init; }
    }
}
