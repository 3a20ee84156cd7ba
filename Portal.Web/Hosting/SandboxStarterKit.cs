using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;
using Portal.Core.AutoReplies;
using Portal.Core.Menus;
using Portal.Core.Messaging;
using Portal.Core.Operators;
using Portal.Core.Platform;
using Portal.Core.Site;
using Portal.Core.WeChat.Inbound;
using Portal.Core.WeChat.Replies;
using Portal.Sandbox;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Platform;

namespace Portal.Web.Hosting;

/// <summary>
/// What a newcomer finds on first start with the sandbox on (Sandbox:StarterKit): a greeting, a keyword,
/// a default reply, menu-click replies, and a deliberately slow menu button whose answer misses WeChat's
/// window and arrives as a customer-service message. Seeded only into an empty rule table, so an
/// operator's own rules are never touched. Portal's data, so Portal's side of the sandbox (the sandbox
/// project knows nothing of rules or sites); the menu goes onto the sandbox platform as the account's.
/// </summary>
public sealed class SandboxStarterKit(AutoReplyRuleStore rules, SandboxMenus menus, MenuVersionStore versions, SiteStore site, SiteEditor siteEditor, IOptions<SandboxOptions> options, PublicAddress publicAddress)
{
    public const string SlowKey = "SANDBOX_SLOW_ANSWER";
    public const string TodayKey = "TODAY";
    public const string HoursKey = "HOURS";

    /// <remarks>The starter kit is the default account's: the sandbox plays it.</remarks>
    public async Task SeedAsync(CancellationToken ct)
    {
        if (!options.Value.StarterKit)
            return;
        var home = publicAddress.BaseUrl.ToString();
        // The platform keeps an account's menu: it is seeded once, into an account that has none, by the
        // process that plays the platform. An instance told it does not play leaves the menu to that one
        // (an instance that works it out from its addresses cannot tell yet: it is not listening).
        if (options.Value.PlaysPlatform != false && menus.Published().Default is null)
        {
            menus.Publish(OnPlatform(new Menu(
                MenuButton.Click("Today", TodayKey),
                MenuButton.Parent("More",
                    MenuButton.Click("Opening hours", HoursKey),
                    MenuButton.View("Our site", home),
                    MenuButton.View("Member centre", publicAddress.Absolute("/members/me").ToString()),
                    MenuButton.Click("Slow answer", SlowKey)))));
        }
        // The menu workbench starts from Portal's own history: record the account's menu there, as a pull
        // from the platform would, so an operator edits it instead of starting from nothing.
        if (await versions.LatestDefaultAsync(WeChatAccount.DefaultId, ct) is null && menus.Published().Default is { } live)
            await versions.AddAsync(WeChatAccount.DefaultId, new MenuVersion { Menu = InPortal(live), Source = MenuVersionSources.Pull, Note = "the sandbox starter account's menu", CreatedBy = "sandbox starter kit" }, ct);
        await SeedSiteAsync(ct);
        if ((await rules.ListAsync(WeChatAccount.DefaultId, ct)).Count > 0)
            return;
        AutoReplyRule[] starter =
        [
            new() { Name = "Greeting", Trigger = RuleTrigger.Follow, Reply = new TextReply("欢迎关注! Welcome to the sandbox account. Send “hours” to see a keyword reply, or tap the menu below.") },
            new() { Name = "Opening hours", Trigger = RuleTrigger.Contains, Pattern = "hours", Priority = 10, Reply = new TextReply("We are open 9:00–18:00, Monday to Saturday.") },
            new() { Name = "Opening hours (menu)", Trigger = RuleTrigger.Click, Pattern = HoursKey, Reply = new TextReply("We are open 9:00–18:00, Monday to Saturday.") },
            new() { Name = "Today's special", Trigger = RuleTrigger.Click, Pattern = TodayKey, Reply = new NewsReply([new NewsArticle("Today's special", "Tap to read about it in the in-chat browser.", "", home)]) },
            new() { Name = "Default", Trigger = RuleTrigger.Default, Reply = new TextReply("Thanks for your message. Send “hours” for our opening hours.") },
        ];
        foreach (var rule in starter)
            await rules.AddAsync(WeChatAccount.DefaultId, rule, ct);
    }

    /// <summary>A home page worth opening: a profile, a navigation grid and two articles, once, into an empty site.</summary>
    private async Task SeedSiteAsync(CancellationToken ct)
    {
        if ((await site.ListArticlesAsync(WeChatAccount.DefaultId, 1, ct)).Count > 0)
            return;
        var actor = AuditActor.Command("sandbox starter kit");
        await siteEditor.SaveProfileAsync(actor, WeChatAccount.DefaultId, new SiteProfile
        {
            SiteName = "Portal 咖啡 Sandbox Café",
            Intro = "A made-up café to try Portal with: its pages, its members, its menu.",
            Address = "深圳市南山区科技园 1 号",
            Phone = "0755-0000 0000",
            OpeningHours = "Mon–Sat 9:00–18:00",
            MapLink = "https://map.qq.com/",
        }, ct);
        var news = await siteEditor.AddCategoryAsync(actor, WeChatAccount.DefaultId, "News", ct);
        await siteEditor.SaveArticleAsync(actor, WeChatAccount.DefaultId, new Article
        {
            CategoryId = news,
            Title = "Welcome to the Sandbox Café",
            Summary = "What this account does, and how to try it from the phone page.",
            BodyHtml = "<p>This article lives in Portal's micro-site. Operators write it in the admin; followers open it from the menu or a shared card.</p><h2>Try it</h2><ul><li>Check in every day for points</li><li>Claim a coupon in the member centre</li><li>Show your member code at the counter</li></ul>",
            Featured = true,
            Published = true,
        }, ct);
        await siteEditor.SaveArticleAsync(actor, WeChatAccount.DefaultId, new Article
        {
            CategoryId = news,
            Title = "Our opening hours",
            Summary = "Monday to Saturday, 9:00 to 18:00.",
            BodyHtml = "<p>We are open Monday to Saturday, 9:00 to 18:00. On public holidays we open at 10:00.</p>",
            Featured = true,
            Published = true,
        }, ct);
        (string Label, string Icon, string Link)[] grid =
        [
            ("会员中心", "member", "/members/me"), ("文章", "articles", "/articles"), ("优惠券", "coupon", "/members/coupons"), ("联系我们", "contact", "/contact"),
        ];
        foreach (var (label, icon, link) in grid)
            await siteEditor.AddNavItemAsync(actor, WeChatAccount.DefaultId, new NavItem { Label = label, ImageUrl = $"/h5/icons/{icon}.svg", Link = link }, ct);
    }

    /// <summary>Portal's menu as the platform reads it: the same JSON, the sandbox's own types.</summary>
    private static PlatformMenu OnPlatform(Menu menu) =>
        JsonSerializer.Deserialize<PlatformMenu>(JsonSerializer.Serialize(menu, PlatformJson.Options), SandboxJson.Options)!;

    private static Menu InPortal(PlatformMenu menu) =>
        JsonSerializer.Deserialize<Menu>(JsonSerializer.Serialize(menu, SandboxJson.Options), PlatformJson.Options)!;

    /// <summary>The slow button's route: a handler that takes longer than the webhook's deadline.</summary>
    public static MessageRouteAdditions SlowButtonRoute(IServiceProvider services) => new(
        "the sandbox's slow-answer demonstration",
        routes => routes.OnEventKey(EventKind.Click, SlowKey, new SlowAnswer(services.GetRequiredService<IOptions<MessagingOptions>>(), services.GetRequiredService<TimeProvider>())));

    /// <summary>Answers after the deadline has passed, so the answer goes out through the outbox.</summary>
    private sealed class SlowAnswer(IOptions<MessagingOptions> messaging, TimeProvider time) : IMessageHandler
    {
        public async ValueTask<Reply?> HandleAsync(MessageContext context, CancellationToken ct)
        {
            var wait = messaging.Value.HandlerDeadline + TimeSpan.FromSeconds(1);
            await Task.Delay(wait, time, ct);
            return new TextReply($"Sorry for the wait: this answer took {wait.TotalSeconds:0.#} s, longer than WeChat waits for a reply, so Portal sent it as a customer-service message.");
        }
    }
}
