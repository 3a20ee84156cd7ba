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

    /// <summary>
    /// Random query strings (seeded) read by the webhook's parser and by the framework's (<c>QueryHelpers.ParseQuery</c>,
    /// what <c>HttpRequest.Query</c> uses): the six parameters must read the same, escapes, repeats, names in other
    /// cases, empty pairs and stray separators included.
    /// </summary>
    [Fact]
    public void Reads_random_query_strings_as_the_frameworks_parser_does()
    {
        var random = new Random(20261206);
        string[] names = ["signature", "timestamp", "nonce", "echostr", "encrypt_type", "msg_signature", "Signature", "NONCE", "openid", "sig", ""];
        string[] pieces = ["a", "Z9", "0", "-", "_", ".", "~", "+", "%2B", "%20", "%3D", "%26", "%E4%BD%A0", "%zz", "%", "%4", "=", "中", "aes", "AES", "/", "?"];
        for (var i = 0; i < 5000; i++)
        {
            var query = new System.Text.StringBuilder(random.Next(2) == 0 ? "?" : "");
            for (var pairs = random.Next(0, 9); pairs > 0; pairs--)
            {
                if (query.Length > 1)
                    query.Append(random.Next(8) == 0 ? "&&" : "&");
                query.Append(names[random.Next(names.Length)]);
                if (random.Next(6) == 0)
                    continue;
                query.Append('=');
                for (var n = random.Next(0, 5); n > 0; n--)
                    query.Append(pieces[random.Next(pieces.Length)]);
            }
            var text = query.ToString();

            var framework = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text);
            string Expected(string name) => framework.TryGetValue(name, out var values) ? values.ToString() : "";
            var ours = WebhookQuery.Parse(text);

            Assert.True(
                (Expected("signature"), Expected("timestamp"), Expected("nonce"), Expected("echostr"), Expected("encrypt_type"), Expected("msg_signature"))
                == (ours.Signature.ToString(), ours.Timestamp.ToString(), ours.Nonce.ToString(), ours.EchoStr.ToString(), ours.EncryptType.ToString(), ours.MsgSignature.ToString()),
                $"Query {i}: {text}\nFramework: {string.Join(" | ", framework.Select(p => p.Key + "=" + p.Value))}\nOurs: {ours}");
        }
    }
}
