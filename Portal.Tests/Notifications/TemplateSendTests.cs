using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Notifications;
using Portal.Core.Outbox;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;
using Portal.Tests.Messaging;
using Portal.Sandbox;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;
using Portal.Sandbox.QrCodes;
using Portal.Sandbox.Templates;
using Portal.Sandbox.Tokens;

namespace Portal.Tests.Notifications;

/// <summary>Template messages queued in the outbox reach the follower's chat in the sandbox, or fail with the platform's reason.</summary>
public sealed class TemplateSendTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private SandboxInbox Inbox => app.Services.GetRequiredService<SandboxInbox>();

    private static TemplateMessage PointsChanged(string openId, string templateId = SandboxTemplates.PointsChanged) => new()
    {
        ToUser = openId,
        TemplateId = templateId,
        Url = "http://portal.example/members/points",
        Data = new Dictionary<string, TemplateValue>
        {
            ["keyword1"] = new("+20"),
            ["keyword2"] = new("320", "#173177"),
            // keyword3 left out: the platform allows it and shows it empty
        },
    };

    private async Task<string> EnqueueAsync(TemplateMessage message)
    {
        var key = TestServers.UniqueName("points");
        Assert.True(await app.Services.GetRequiredService<TemplateSends>().EnqueueAsync(key, message));
        return key;
    }

    [Fact]
    public async Task A_queued_template_message_arrives_as_a_rendered_card()
    {
        var openId = app.FollowerWhoJustWrote();
        var key = await EnqueueAsync(PointsChanged(openId));

        var sent = await DeadlineTests.WaitForOutboxAsync(app, key, OutboxStatus.Sent);

        Assert.Equal(OutboxStatus.Sent, sent!.Status);
        var card = Assert.Single(Inbox.For(openId));
        Assert.Equal("template", card.MsgType);
        Assert.Equal(SandboxTemplates.PointsChanged, card.Message.GetProperty("template_id").GetString());
        Assert.Equal("积分变动提醒", card.Message.GetProperty("title").GetString());
        Assert.Equal("http://portal.example/members/points", card.Message.GetProperty("url").GetString());
        Assert.Equal("变动积分：+20\n当前积分：320\n变动原因：", card.Message.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_same_notice_queued_twice_is_sent_once()
    {
        var openId = app.FollowerWhoJustWrote();
        var key = await EnqueueAsync(PointsChanged(openId));
        Assert.False(await app.Services.GetRequiredService<TemplateSends>().EnqueueAsync(key, PointsChanged(openId)));

        await DeadlineTests.WaitForOutboxAsync(app, key, OutboxStatus.Sent);

        Assert.Single(Inbox.For(openId));
    }

    [Fact]
    public async Task An_unknown_template_ends_the_row_with_40037()
    {
        var openId = app.FollowerWhoJustWrote();
        var key = await EnqueueAsync(PointsChanged(openId, templateId: "NoSuchTemplate"));

        var failed = await DeadlineTests.WaitForOutboxAsync(app, key, OutboxStatus.Failed);

        Assert.Equal(OutboxStatus.Failed, failed!.Status);
        Assert.StartsWith("40037", failed.LastError);
        Assert.Equal(1, failed.Attempts);
        Assert.Empty(Inbox.For(openId));
    }

    [Fact]
    public async Task Someone_who_does_not_follow_gets_nothing_and_the_row_says_43004()
    {
        var followers = app.Services.GetRequiredService<SandboxFollowers>();
        var openId = app.FollowerWhoJustWrote();
        followers.Unfollow(followers.Find(openId)!);
        var key = await EnqueueAsync(PointsChanged(openId));

        var failed = await DeadlineTests.WaitForOutboxAsync(app, key, OutboxStatus.Failed);

        Assert.StartsWith("43004", failed!.LastError);
        Assert.Empty(Inbox.For(openId));
    }

    [Fact]
    public async Task The_account_template_list_names_each_template_and_its_placeholders()
    {
        var broker = app.Services.GetRequiredService<AccessTokenBroker>();
        var client = app.Services.GetRequiredService<TemplateClient>();

        var templates = await broker.CallAsync(app.Services.DefaultAccount(), client.GetAllPrivateTemplatesAsync);

        var points = Assert.Single(templates, t => t.TemplateId == SandboxTemplates.PointsChanged);
        Assert.Contains("{{keyword1.DATA}}", points.Content);
        Assert.Contains(templates, t => t.TemplateId == SandboxTemplates.OrderShipped);
    }

    [Fact]
    public async Task A_mini_program_card_is_sent_as_a_customer_service_message()
    {
        var openId = app.FollowerWhoJustWrote();
        var broker = app.Services.GetRequiredService<AccessTokenBroker>();
        var client = app.Services.GetRequiredService<CustomServiceClient>();
        var page = new MiniProgramPage("Points mall", "wx1111111111111111", "pages/mall/index?from=chat", "thumb-media-1");

        await broker.CallAsync(app.Services.DefaultAccount(), async (token, ct) =>
        {
            await client.SendAsync(token, openId, page, ct);
            return true;
        });

        var card = Assert.Single(Inbox.For(openId));
        Assert.Equal("miniprogrampage", card.MsgType);
        Assert.Equal("pages/mall/index?from=chat", card.Message.GetProperty("pagepath").GetString());
        Assert.Equal("thumb-media-1", card.Message.GetProperty("thumb_media_id").GetString());
    }
}
