using Microsoft.Extensions.DependencyInjection;
using Portal.Core.AutoReplies;
using Portal.Core.WeChat.Replies;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Messaging;

/// <summary>What the webhook's answers look like on the wire, through Kestrel rather than the in-memory test server.</summary>
public sealed class WebhookWireTests
{
    [Theory]
    [InlineData(PushMode.Plaintext)]
    [InlineData(PushMode.Safe)]
    public async Task Answers_go_out_whole_with_their_length_not_in_chunks(PushMode mode)
    {
        await using var app = new KestrelPortalApp().Start();
        await app.Services.GetRequiredService<AutoReplyRuleStore>().AddAsync(TestAccounts.DefaultId, 
            new AutoReplyRule { Name = "hours", Trigger = RuleTrigger.Exact, Pattern = "hours", Reply = new TextReply("We open at 9 — 欢迎") });
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        var push = WeChatPush.For(app, http);

        foreach (var (text, expected) in new[] { ("hours", "We open at 9 — 欢迎"), ("nothing matches this", null) })
        {
            using var response = await push.PostAsync(InboundXml.Text(InboundXml.NewOpenId(), text), mode);
            var body = await response.Content.ReadAsByteArrayAsync();

            Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
            Assert.Equal(body.Length, response.Content.Headers.ContentLength);
            Assert.Equal(expected, (await push.ReplyOfAsync(response))?.Element("Content")!.Value);
        }
    }
}
