using Portal.Core.Members;

namespace Portal.Tests.Members;

/// <summary>
/// TC3-HMAC-SHA256 against Tencent Cloud's own worked example from its "Signature v3" page (a CVM
/// DescribeInstances call at timestamp 1551113065, with the page's placeholder keys).
/// </summary>
public sealed class Tc3SignatureTests
{
    private const string Payload = """{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}""";
    private const string ContentType = "application/json; charset=utf-8";
    private const string Host = "cvm.tencentcloudapi.com";
    private const long Timestamp = 1551113065;

    [Fact]
    public void The_canonical_request_and_string_to_sign_match_the_documented_ones()
    {
        var canonical = Tc3Signature.CanonicalRequest(ContentType, Host, Payload);

        Assert.Equal("POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064", canonical);
        Assert.Equal("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031", Tc3Signature.StringToSign(Timestamp, "cvm", canonical));
    }

    [Fact]
    public void The_authorization_matches_the_documented_one()
    {
        var authorization = Tc3Signature.Authorization("AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", "Gu5t9xGARNpq86cd98joQYCN3*******", "cvm", Host, ContentType, Payload, Timestamp);

        Assert.Equal("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c", authorization);
    }
}
