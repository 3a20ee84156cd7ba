using System.Globalization;
using System.Text.Json.Serialization;
using Portal.Core.Menus;
using static Portal.Web.Sandbox.SandboxReplies;

namespace Portal.Web.Sandbox;

/// <summary>
/// The sandbox's custom-menu API. Menus are checked with the same <see cref="MenuRules"/> the admin uses,
/// and refused with the first problem's code, as the platform reports one problem at a time.
/// </summary>
public static class SandboxMenuEndpoints
{
    public static IEndpointRouteBuilder MapSandboxMenus(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SandboxPlatformEndpoints.Prefix + "cgi-bin/menu").ExcludeFromDescription().DisableAntiforgery();
        api.MapPost("/create", CreateAsync).WithDailyQuota("menu/create");
        api.MapGet("/get", Get).WithDailyQuota("menu/get");
        api.MapGet("/delete", Delete).WithDailyQuota("menu/delete");
        api.MapPost("/addconditional", AddConditionalAsync).WithDailyQuota("menu/addconditional");
        api.MapPost("/delconditional", DeleteConditionalAsync).WithDailyQuota("menu/delconditional");
        api.MapPost("/trymatch", TryMatchAsync).WithDailyQuota("menu/trymatch");
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(string? access_token, HttpRequest request, SandboxTokens tokens, SandboxMenus menus)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<MenuWire>(request);
        if (unreadable is not null)
            return unreadable;
        var menu = new Menu { Buttons = body!.Buttons ?? [] };
        if (FirstProblem(MenuRules.Check(menu)) is { } problem)
            return problem;
        menus.Publish(menu);
        return Ok();
    }

    private static IResult Get(string? access_token, SandboxTokens tokens, SandboxMenus menus)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var published = menus.Published();
        if (published.Default is null)
            return Error(MenuErrorCodes.MenuNotFound, "menu no exist");
        var main = new MenuWire { Buttons = published.Default.Buttons, MenuId = published.Conditional.Count > 0 ? published.DefaultMenuId : null };
        if (published.Conditional.Count == 0)
            return Json(new { menu = main });
        return Json(new
        {
            menu = main,
            conditionalmenu = published.Conditional.Select(c => new MenuWire { Buttons = c.Menu.Buttons, MatchRule = c.Rule, MenuId = c.MenuId }),
        });
    }

    private static IResult Delete(string? access_token, SandboxTokens tokens, SandboxMenus menus)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        menus.DeleteAll();
        return Ok();
    }

    private static async Task<IResult> AddConditionalAsync(string? access_token, HttpRequest request, SandboxTokens tokens, SandboxMenus menus)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<MenuWire>(request);
        if (unreadable is not null)
            return unreadable;
        var menu = new Menu { Buttons = body!.Buttons ?? [] };
        var rule = body.MatchRule ?? new MatchRule();
        if (FirstProblem(MenuRules.Check(menu, rule)) is { } problem)
            return problem;
        return menus.AddConditional(menu, rule) is { } id
            ? Json(new { menuid = id.ToString(CultureInfo.InvariantCulture) }) // a string here, a number in menu/get
            : Error(MenuErrorCodes.NoDefaultMenu, "there is no selfmenu, please create selfmenu first");
    }

    private static async Task<IResult> DeleteConditionalAsync(string? access_token, HttpRequest request, SandboxTokens tokens, SandboxMenus menus)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<MenuWire>(request);
        if (unreadable is not null)
            return unreadable;
        return body!.MenuId is { } id && menus.DeleteConditional(id)
            ? Ok()
            : Error(MenuErrorCodes.ConditionalMenuNotFound, "conditional menu not exist");
    }

    private static async Task<IResult> TryMatchAsync(string? access_token, HttpRequest request, SandboxTokens tokens, SandboxMenus menus, SandboxFollowers followers)
    {
        if (RefuseToken(tokens, access_token) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<TryMatchRequest>(request);
        if (unreadable is not null)
            return unreadable;
        if (followers.Find(body!.UserId) is not { } follower)
            return Error(MenuErrorCodes.NoSuchUser, "no such user");
        return menus.MenuFor(follower) is { } menu
            ? Json(new { button = menu.Buttons })
            : Error(MenuErrorCodes.MenuNotFound, "menu no exist");
    }

    private static IResult? FirstProblem(IReadOnlyList<MenuProblem> problems) =>
        problems.Count == 0 ? null : Error(problems[0].Code, $"{PlatformMessage(problems[0].Code)} hint: [{problems[0]}]");

    /// <summary>The platform's own wording for each code, which SDKs and forum threads quote.</summary>
    private static string PlatformMessage(int code) => code switch
    {
        MenuErrorCodes.ButtonCount => "invalid button size",
        MenuErrorCodes.ButtonType => "invalid button type",
        MenuErrorCodes.ButtonNameSize => "invalid button name size",
        MenuErrorCodes.ButtonKeySize => "invalid button key size",
        MenuErrorCodes.ButtonUrlSize => "invalid button url size",
        MenuErrorCodes.SubMenuLevel => "invalid sub menu level",
        MenuErrorCodes.SubButtonCount => "invalid sub button size",
        MenuErrorCodes.SubButtonType => "invalid sub button type",
        MenuErrorCodes.SubButtonNameSize => "invalid sub button name size",
        MenuErrorCodes.SubButtonKeySize => "invalid sub button key size",
        MenuErrorCodes.SubButtonUrlSize => "invalid sub button url size",
        MenuErrorCodes.SubButtonUrlDomain => "invalid sub button url domain",
        MenuErrorCodes.ButtonUrlDomain => "invalid button url domain",
        MenuErrorCodes.InvalidMediaId => "invalid media_id",
        MenuErrorCodes.MiniProgramPagePath => "invalid weapp pagepath",
        MenuErrorCodes.MiniProgramAppId => "invalid weapp appid",
        MenuErrorCodes.MatchRuleEmpty => "match rule empty",
        _ => "invalid menu",
    };

    private sealed record TryMatchRequest([property: JsonPropertyName("user_id")] string? UserId);

    /// <summary>A menu as it travels, with a conditional menu's rule and id.</summary>
    private sealed record MenuWire
    {
        [JsonPropertyName("button")]
        public IReadOnlyList<MenuButton>? Buttons { get; init; }

        [JsonPropertyName("matchrule")]
        public MatchRule? MatchRule { get; init; }

        [JsonPropertyName("menuid"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
        public long? MenuId { get; init; }
    }
}
