using Portal.Core.WeChat.Inbound;

namespace Portal.Tests.WeChat;

/// <summary>A message that ends up in a log through string formatting shows what it is, not what the follower wrote.</summary>
public sealed class InboundToStringTests
{
    [Fact]
    public void A_text_message_prints_its_type_and_key_but_not_its_content()
    {
        var message = InboundParser.Parse(Portal.Tests.Infrastructure.InboundXml.Text("oFollower123", "my phone is 13800138000", 4242));

        var printed = message.ToString();

        Assert.Contains("text", printed);
        Assert.Contains("4242", printed);
        Assert.DoesNotContain("13800138000", printed);
    }
}
