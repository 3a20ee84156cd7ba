using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Members;

/// <summary>
/// Tencent Cloud API 3.0's TC3-HMAC-SHA256 request signature for a JSON POST to "/" with no query, the
/// shape every Tencent Cloud call Portal makes has
/// (https://cloud.tencent.com/document/api/213/30654): a canonical request over the content type, host and
/// body hash; a string to sign with the timestamp and the date/service scope; a key derived from the
/// SecretKey through the date and the service.
/// </summary>
public static class Tc3Signature
{
    public const string Algorithm = "TC3-HMAC-SHA256";

    public static string CanonicalRequest(string contentType, string host, string payload) =>
        $"POST\n/\n\ncontent-type:{contentType}\nhost:{host}\n\ncontent-type;host\n{Sha256Hex(payload)}";

    public static string StringToSign(long timestamp, string service, string canonicalRequest) =>
        $"{Algorithm}\n{timestamp.ToString(CultureInfo.InvariantCulture)}\n{Scope(timestamp, service)}\n{Sha256Hex(canonicalRequest)}";

    /// <summary>The Authorization header's value.</summary>
    public static string Authorization(string secretId, string secretKey, string service, string host, string contentType, string payload, long timestamp)
    {
        var toSign = StringToSign(timestamp, service, CanonicalRequest(contentType, host, payload));
        var date = Date(timestamp);
        var key = Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("TC3" + secretKey), date), service), "tc3_request");
        var signature = Convert.ToHexStringLower(Hmac(key, toSign));
        return $"{Algorithm} Credential={secretId}/{Scope(timestamp, service)}, SignedHeaders=content-type;host, Signature={signature}";
    }

    private static string Scope(long timestamp, string service) => $"{Date(timestamp)}/{service}/tc3_request";

    // The scope's date is the UTC date of the timestamp.
    private static string Date(long timestamp) =>
        DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static byte[] Hmac(byte[] key, string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message));
}
