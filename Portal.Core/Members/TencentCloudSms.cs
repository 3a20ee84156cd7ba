using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Portal.Core.Members;

/// <summary>
/// Sends codes with Tencent Cloud SMS's SendSms (API version 2021-01-11), signed with TC3-HMAC-SHA256
/// (https://cloud.tencent.com/document/product/382/55981).
/// </summary>
public sealed class TencentCloudSms(IHttpClientFactory http, IOptions<TencentCloudSmsOptions> options, TimeProvider time) : ISmsSender
{
    public const string ClientName = "tencent-cloud-sms";
    private const string ContentType = "application/json; charset=utf-8";

    public bool Available => options.Value.Configured;

    public async Task SendCodeAsync(string phone, string code, TimeSpan validFor, CancellationToken ct = default)
    {
        var o = options.Value;
        var payload = JsonSerializer.Serialize(new
        {
            PhoneNumberSet = new[] { phone },
            SmsSdkAppId = o.SdkAppId,
            SignName = o.SignName,
            TemplateId = o.TemplateId,
            TemplateParamSet = new[] { code, ((int)validFor.TotalMinutes).ToString(CultureInfo.InvariantCulture) },
        });
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var host = o.Endpoint.Host;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Endpoint) { Content = new StringContent(payload, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        request.Headers.Host = host;
        request.Headers.TryAddWithoutValidation("Authorization", Tc3Signature.Authorization(o.SecretId, o.SecretKey, "sms", host, ContentType, payload, timestamp));
        request.Headers.Add("X-TC-Action", "SendSms");
        request.Headers.Add("X-TC-Version", "2021-01-11");
        request.Headers.Add("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-TC-Region", o.Region);

        using var response = await http.CreateClient(ClientName).SendAsync(request, ct).ConfigureAwait(false);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
        var answer = body.RootElement.GetProperty("Response");
        if (answer.TryGetProperty("Error", out var error))
            throw new SmsException(error.GetProperty("Code").GetString() ?? "Error", error.GetProperty("Message").GetString() ?? "");
        var status = answer.GetProperty("SendStatusSet")[0];
        if (status.GetProperty("Code").GetString() is var statusCode and not "Ok")
            throw new SmsException(statusCode ?? "Unknown", status.GetProperty("Message").GetString() ?? "");
    }
}
