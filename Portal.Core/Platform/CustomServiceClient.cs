using Microsoft.Extensions.Options;
using Portal.Core.WeChat.Replies;

namespace Portal.Core.Platform;

/// <summary>
/// Customer-service messages: how Portal talks to a follower outside a passive reply, within the
/// 48-hour window after they last wrote
/// (https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Service_Center_messages.html).
/// </summary>
public sealed class CustomServiceClient(IHttpClientFactory http, IOptions<WeChatOptions> options)
{
    private const string Endpoint = "cgi-bin/message/custom/send";

    /// <summary>
    /// How long after a follower's last action (a message, a menu tap, a follow, a scan) customer-service
    /// messages reach them; later the platform answers 45015.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    /// <summary>POST /cgi-bin/message/custom/send.</summary>
    public async Task SendAsync(string accessToken, string openId, Reply reply, CancellationToken ct = default)
    {
        await PostAsync(accessToken, Body(openId, reply), ct).ConfigureAwait(false);
    }

    /// <summary>POST /cgi-bin/message/custom/send with a mini-program card, which has no passive-reply form.</summary>
    public async Task SendAsync(string accessToken, string openId, MiniProgramPage page, CancellationToken ct = default)
    {
        await PostAsync(accessToken, Body(openId, page), ct).ConfigureAwait(false);
    }

    private async Task PostAsync(string accessToken, object body, CancellationToken ct)
    {
        var url = new Uri(options.Value.ApiBaseUrl, $"{Endpoint}?access_token={Uri.EscapeDataString(accessToken)}");
        // Sent once: the outbox owns retrying messages to followers (see PlatformResilience).
        using var request = PlatformHttp.SendOnce(url, body);
        using var response = await http.CreateClient(PlatformHttp.ClientName).SendAsync(request, ct).ConfigureAwait(false);
        await PlatformHttp.ReadAsync<PlatformResult>(response, Endpoint, ct).ConfigureAwait(false);
    }

    /// <summary>The customer-service form of a mini-program card.</summary>
    public static object Body(string openId, MiniProgramPage page) => new
    {
        touser = openId,
        msgtype = "miniprogrampage",
        miniprogrampage = new { title = page.Title, appid = page.AppId, pagepath = page.PagePath, thumb_media_id = page.ThumbMediaId },
    };

    /// <summary>
    /// The customer-service form of a passive reply. A hand-over to a human agent has none: it only means
    /// something as the answer to the message itself.
    /// </summary>
    public static object Body(string openId, Reply reply) => reply switch
    {
        TextReply r => new { touser = openId, msgtype = "text", text = new { content = r.Content } },
        ImageReply r => new { touser = openId, msgtype = "image", image = new { media_id = r.MediaId } },
        VoiceReply r => new { touser = openId, msgtype = "voice", voice = new { media_id = r.MediaId } },
        VideoReply r => new { touser = openId, msgtype = "video", video = new { media_id = r.MediaId, title = r.Title, description = r.Description } },
        MusicReply r => new { touser = openId, msgtype = "music", music = new { title = r.Title, description = r.Description, musicurl = r.MusicUrl, hqmusicurl = r.HQMusicUrl, thumb_media_id = r.ThumbMediaId } },
        // The platform accepts one article in a customer-service news message (more gives 45008).
        NewsReply r => new { touser = openId, msgtype = "news", news = new { articles = r.Articles.Take(1).Select(a => new { title = a.Title, description = a.Description, url = a.Url, picurl = a.PicUrl }) } },
        _ => throw new NotSupportedException($"A {reply.GetType().Name} cannot be sent as a customer-service message."),
    };

}
