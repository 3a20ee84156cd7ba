using System.Text.Json;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Followers;
using Portal.Sandbox.Members;
using Portal.Sandbox.Messaging;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Phone;

/// <summary>
/// The JSON the phone page (<c>/sandbox/phone</c>) talks to: which accounts there are, who each account's
/// followers are, what each one's chat holds, and what they do. Every follower call is for the account the
/// <c>appid</c> query parameter names, the first account when it is left out. Sandbox-only; the page's
/// script draws it.
/// </summary>
public static class SandboxPhoneEndpoints
{
    public static IEndpointRouteBuilder MapSandboxPhone(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SandboxPaths.Prefix + "phone/api").ExcludeFromDescription();
        api.MapGet("/accounts", (SandboxWorld world) => world.All.Select(a => new { appId = a.Account.AppId, name = a.Account.Name }));
        api.MapGet("/followers", (string? appid, SandboxWorld world) =>
            world.Find(appid ?? world.First.Account.AppId) is { } account ? Results.Ok(account.Followers.All().Select(Describe)) : Results.NotFound());
        api.MapPost("/followers", (string? appid, NewFollower request, SandboxWorld world) =>
            world.Find(appid ?? world.First.Account.AppId) is not { } account ? Results.NotFound()
            : string.IsNullOrWhiteSpace(request.Nickname)
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["nickname"] = ["Give the follower a name."] })
                : Results.Ok(Describe(account.Followers.Create(request.Nickname.Trim()))));

        var follower = api.MapGroup("/followers/{openId}");
        follower.MapGet("/chat", Chat);
        follower.MapPost("/follow", (string openId, string? appid, FollowRequest? request, SandboxWorld world, SandboxPhone phone, CancellationToken ct) =>
            Act(world, appid, openId, mustFollow: false, (a, f) => phone.FollowAsync(a, f, Blank(request?.Scene), Blank(request?.Ticket), ct)));
        follower.MapPost("/unfollow", (string openId, string? appid, SandboxWorld world, SandboxPhone phone, CancellationToken ct) =>
            Act(world, appid, openId, mustFollow: false, (a, f) => phone.UnfollowAsync(a, f, ct)));
        follower.MapPost("/messages", (string openId, string? appid, TextRequest request, SandboxWorld world, SandboxPhone phone, CancellationToken ct) =>
            string.IsNullOrEmpty(request.Text) ? Task.FromResult(Results.BadRequest())
                : Act(world, appid, openId, mustFollow: true, (a, f) => phone.SendTextAsync(a, f, request.Text, ct)));
        follower.MapPost("/click", (string openId, string? appid, ButtonRequest request, SandboxWorld world, SandboxPhone phone, CancellationToken ct) =>
            Act(world, appid, openId, mustFollow: true, (a, f) => phone.ClickAsync(a, f, request.Key ?? "", request.Name ?? "", ct)));
        follower.MapPost("/view", (string openId, string? appid, ButtonRequest request, SandboxWorld world, SandboxPhone phone, CancellationToken ct) =>
            Act(world, appid, openId, mustFollow: true, (a, f) => phone.ViewAsync(a, f, request.Url ?? "", ct)));
        return endpoints;
    }

    /// <summary>Runs what the follower did; chatting and menus need them to follow, as in WeChat.</summary>
    private static async Task<IResult> Act(SandboxWorld world, string? appId, string openId, bool mustFollow, Func<SandboxAccountStores, SandboxFollower, Task> action)
    {
        if (world.Find(appId ?? world.First.Account.AppId) is not { } account || account.Followers.Find(openId) is not { } follower)
            return Results.NotFound();
        if (mustFollow && !follower.Subscribed)
            return Results.Conflict(new { error = "Follow the account first." });
        await action(account, follower);
        return Results.Ok(Describe(follower));
    }

    private static IResult Chat(string openId, string? appid, SandboxWorld world, SandboxSms sms)
    {
        if (world.Find(appid ?? world.First.Account.AppId) is not { } account || account.Followers.Find(openId) is not { } follower)
            return Results.NotFound();
        var codes = account.QrCodes;
        var lines = account.Chats.For(openId).Select(e => (e.At, Order: 0, Line: ChatLine(e)))
            .Concat(account.Inbox.For(openId).Select(d => (d.At, Order: 1, Line: DeliveryLine(d))))
            .OrderBy(x => x.At).ThenBy(x => x.Order)
            .Select(x => x.Line);
        return Results.Ok(new
        {
            follower = Describe(follower),
            windowOpen = account.Followers.WindowOpen(follower),
            menu = follower.Subscribed ? account.Menus.MenuFor(follower) : null,
            // The account's codes that can still be scanned, newest first.
            codes = codes.All().Where(c => !codes.IsExpired(c)).OrderByDescending(c => c.CreatedAt).Take(8)
                .Select(c => new { ticket = c.Ticket, scene = c.Scene, permanent = c.IsPermanent }),
            lines,
            // Text messages (SMS) Portal sent, to any number: the sandbox has one phone for all of them.
            texts = sms.Recent(5).Select(t => new { phone = t.Phone, text = t.Text, at = t.At }),
        });
    }

    private static object Describe(SandboxFollower f) => new
    {
        openId = f.OpenId,
        nickname = f.Nickname,
        subscribed = f.Subscribed,
        qrScene = f.QrScene,
    };

    /// <summary>A line of the chat in one shape for every kind, so the script has one drawing routine.</summary>
    private static Dictionary<string, object?> ChatLine(SandboxChatEntry entry)
    {
        var line = new Dictionary<string, object?> { ["side"] = entry.Side, ["kind"] = entry.Kind, ["text"] = entry.Text, ["at"] = entry.At };
        if (entry.Reply is not { } xml)
            return line;
        line["via"] = "reply";
        switch (entry.Kind)
        {
            case "news":
                line["articles"] = xml.Element("Articles")?.Elements("item").Select(a => new
                {
                    title = a.Element("Title")?.Value,
                    description = a.Element("Description")?.Value,
                    picUrl = a.Element("PicUrl")?.Value,
                    url = a.Element("Url")?.Value,
                }).ToList();
                break;
            case "image" or "voice" or "video" or "music":
                var media = xml.Element(char.ToUpperInvariant(entry.Kind[0]) + entry.Kind[1..]);
                line["title"] = media?.Element("Title")?.Value;
                line["text"] = media?.Element("Description")?.Value ?? media?.Element("MediaId")?.Value ?? "";
                break;
            case "transfer_customer_service":
                line["text"] = "Handed over to a customer-service agent";
                break;
        }
        return line;
    }

    /// <summary>A customer-service or template message the platform delivered.</summary>
    private static Dictionary<string, object?> DeliveryLine(SandboxDelivery delivery)
    {
        var m = delivery.Message;
        var line = new Dictionary<string, object?>
        {
            ["side"] = "account",
            ["kind"] = delivery.MsgType,
            ["via"] = delivery.MsgType == "template" ? "template" : "customer-service",
            ["at"] = delivery.At,
            ["text"] = Text(m, "content") ?? Text(m, "text") ?? Text(m, "title") ?? "",
        };
        if (delivery.MsgType == "template")
        {
            line["title"] = Text(m, "title");
            line["url"] = Text(m, "url");
        }
        if (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("articles", out var articles) && articles.ValueKind == JsonValueKind.Array)
        {
            line["articles"] = articles.EnumerateArray().Select(a => new
            {
                title = Text(a, "title"),
                description = Text(a, "description"),
                picUrl = Text(a, "picurl"),
                url = Text(a, "url"),
            }).ToList();
        }
        return line;
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private sealed record NewFollower(string? Nickname);
    private sealed record FollowRequest(string? Scene, string? Ticket);
    private sealed record TextRequest(string? Text);
    private sealed record ButtonRequest(string? Key, string? Name, string? Url);
}
