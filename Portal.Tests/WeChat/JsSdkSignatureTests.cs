using System.Globalization;
using Portal.Core.WeChat;

namespace Portal.Tests.WeChat;

public class JsSdkSignatureTests
{
    public static TheoryData<string, string, string, string, string> Published()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var v in Vectors.JsSdk)
        {
            data.Add(v.JsapiTicket, v.Noncestr, v.Timestamp, v.Url, v.Signature);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Published))]
    public void Signature_matches_the_published_vector(string ticket, string nonce, string timestamp, string url, string expected)
    {
        Assert.Equal(expected, JsSdkSignature.Compute(ticket, nonce, long.Parse(timestamp, CultureInfo.InvariantCulture), url));
    }

    [Theory]
    [MemberData(nameof(Published))]
    public void Fragment_is_not_signed(string ticket, string nonce, string timestamp, string url, string expected)
    {
        var ts = long.Parse(timestamp, CultureInfo.InvariantCulture);

        Assert.Equal(expected, JsSdkSignature.Compute(ticket, nonce, ts, url + "#/orders?id=7"));
        Assert.Equal(expected, JsSdkSignature.Compute(ticket, nonce, ts, url + "#"));
    }
}
