using System.Globalization;
using System.Text.Json.Serialization;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Platform;
using static Portal.Sandbox.Menus.PlatformMenuRules;
using static Portal.Sandbox.Platform.SandboxReplies;

namespace Portal.Sandbox.Menus;

/// <summary>
/// The sandbox's custom-menu API, for the account the access token belongs to. Menus are judged with the
/// sandbox's own <see cref="PlatformMenuRules"/> (never Portal's), and refused with the first problem's code,
/// as the platform reports one problem at a time.
/// </summary>
public static class SandboxMenuEndpoints
{
    public static IEndpointRouteBuilder MapSandboxMenus(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SandboxPaths.Prefix + "cgi-bin/menu").ExcludeFromDescription().DisableAntiforgery();
        api.MapPost("/create", CreateAsync).WithDailyQuota("menu/create");
        api.MapGet("/get", Get).WithDailyQuota("menu/get");
        api.MapGet("/delete", Delete).WithDailyQuota("menu/delete");
        api.MapPost("/addconditional", AddConditionalAsync).WithDailyQuota("menu/addconditional");
        api.MapPost("/delconditional", DeleteConditionalAsync).WithDailyQuota("menu/delconditional");
        api.MapPost("/trymatch", TryMatchAsync).WithDailyQuota("menu/trymatch");
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<MenuWire>(request);
        if (unreadable is not null)
            return unreadable;
        var menu = new PlatformMenu { Buttons = body!.Buttons ?? [] };
        if (Refused(Judge(menu, SandboxMaterials.All)) is { } problem)
            return problem;
        account.Menus.Publish(menu);
        return Ok();
    }

    private static IResult Get(string? access_token, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var published = account.Menus.Published();
        if (published.Default is null)
            return Error(Codes.MenuNotFound, Message(Codes.MenuNotFound));
        var main = new MenuWire { Buttons = published.Default.Buttons, MenuId = published.Conditional.Count > 0 ? published.DefaultMenuId : null };
        if (published.Conditional.Count == 0)
            return Json(new { menu = main });
        return Json(new
        {
            menu = main,
            conditionalmenu = published.Conditional.Select(c => new MenuWire { Buttons = c.Menu.Buttons, MatchRule = c.Rule, MenuId = c.MenuId }),
        });
    }

    private static IResult Delete(string? access_token, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        account.Menus.DeleteAll();
        return Ok();
    }

    private static async Task<IResult> AddConditionalAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<MenuWire>(request);
        if (unreadable is not null)
            return unreadable;
        var menu = new PlatformMenu { Buttons = body!.Buttons ?? [] };
        var rule = body.MatchRule ?? new PlatformMatchRule();
        if (Refused(Judge(menu, SandboxMaterials.All) ?? Judge(rule)) is { } problem)
            return problem;
        return account.Menus.AddConditional(menu, rule) is { } id
            ? Json(new { menuid = id.ToString(CultureInfo.InvariantCulture) }) // a string here, a number in menu/get
            : Error(Codes.NoDefaultMenu, Message(Codes.NoDefaultMenu));
    }

    private static async Task<IResult> DeleteConditionalAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<MenuWire>(request);
        if (unreadable is not null)
            return unreadable;
        return body!.MenuId is { } id && account.Menus.DeleteConditional(id)
            ? Ok()
            : Error(Codes.ConditionalMenuNotFound, Message(Codes.ConditionalMenuNotFound));
    }

    private static async Task<IResult> TryMatchAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<TryMatchRequest>(request);
        if (unreadable is not null)
            return unreadable;
        if (account.Followers.Find(body!.UserId) is not { } follower)
            return Error(Codes.NoSuchUser, Message(Codes.NoSuchUser));
        return account.Menus.MenuFor(follower) is { } menu
            ? Json(new { button = menu.Buttons })
            : Error(Codes.MenuNotFound, Message(Codes.MenuNotFound));
    }

    /// <summary>The refusal as the platform words it, with a hint naming the button.</summary>
    private static IResult? Refused(Refusal? refusal) =>
        refusal is null ? null : Error(refusal.Code, $"{Message(refusal.Code)} hint: [{refusal.Where}]");

    private sealed record TryMatchRequest([property: JsonPropertyName("user_id")] string? UserId);

    /// <summary>A menu as it travels, with a conditional menu's rule and id.</summary>
    private sealed record MenuWire
    {
        [JsonPropertyName("button")]
        public IReadOnlyList<PlatformButton>? Buttons { get; init; }

        [JsonPropertyName("matchrule")]
        public PlatformMatchRule? MatchRule { get; init; }

        [JsonPropertyName("menuid"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
        public long? MenuId { get; init; }
    }
}
