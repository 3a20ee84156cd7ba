using Portal.Web.Messaging;

namespace Portal.Tests.Messaging;

/// <summary>The webhook reads its URL parameters itself; it must read them as the framework's query parser would.</summary>
public sealed class WebhookQueryTests
{
    [Fact]
    public void Reads_what_WeChat_sends_and_ignores_the_rest()
    {
        var query = WebhookQuery.Parse("?signature=abc&timestamp=1409304348&nonce=xxxxxx&openid=o1&encrypt_type=aes&msg_signature=def");

        Assert.Equal(
            ("abc", "1409304348", "xxxxxx", "def", ""),
            (query.Signature.ToString(), query.Timestamp.ToString(), query.Nonce.ToString(), query.MsgSignature.ToString(), query.EchoStr.ToString()));
        Assert.True(query.IsEncrypted);
    }

    [Theory]
    [InlineData("?echostr=a%2Bb%3D%26c", "a+b=&c")]
    [InlineData("?echostr=two+words", "two words")]
    [InlineData("?echostr=%E4%BD%A0%E5%A5%BD", "你好")]
    [InlineData("echostr=plain", "plain")]
    public void Unescapes_values(string queryString, string expected) =>
        Assert.Equal(expected, WebhookQuery.Parse(queryString).EchoStr.ToString());

    [Fact]
    public void Names_match_in_any_case_as_the_frameworks_do() =>
        Assert.Equal("abc", WebhookQuery.Parse("?Signature=abc").Signature.ToString());

    [Fact]
    public void A_repeated_parameter_reads_as_both_values() =>
        Assert.Equal("abc,def", WebhookQuery.Parse("?signature=abc&signature=def").Signature.ToString());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("?&&signature&=x&encrypt_type=raw")]
    public void Missing_or_empty_parameters_read_as_empty(string? queryString)
    {
        var query = WebhookQuery.Parse(queryString);
        Assert.True(query.Signature.IsEmpty && query.Timestamp.IsEmpty && query.Nonce.IsEmpty && query.MsgSignature.IsEmpty);
        Assert.False(query.IsEncrypted);
    }
}
