using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Portal.Core.Platform;

namespace Portal.Core.Menus;

/// <summary>
/// Custom menus: the default menu and conditional menus shown to followers a rule matches
/// (https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html,
/// https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Personalized_menu_interface.html).
/// Menus are not checked here: <see cref="MenuRules"/> does that before a call, and the platform after.
/// </summary>
public sealed class MenuClient(IHttpClientFactory http, IOptions<WeChatOptions> options)
{
    /// <summary>POST /cgi-bin/menu/create: replaces the default menu.</summary>
    public Task CreateAsync(string accessToken, Menu menu, CancellationToken ct = default) =>
        PlatformRequests.PostAsync<PlatformResult>(http, options.Value, "cgi-bin/menu/create", accessToken, menu, ct);

    /// <summary>GET /cgi-bin/menu/get: the default menu and the conditional menus; 46003 when none is published.</summary>
    public async Task<PublishedMenus> GetAsync(string accessToken, CancellationToken ct = default)
    {
        var body = await PlatformRequests.GetAsync<MenuGetResult>(http, options.Value, "cgi-bin/menu/get", accessToken, "", ct).ConfigureAwait(false);
        var conditional = (body.Conditional ?? [])
            .Select(c => new ConditionalMenu(c.MenuId ?? 0, new Menu { Buttons = c.Buttons ?? [] }, c.MatchRule ?? new MatchRule()))
            .ToList();
        var main = body.Menu is { } m ? new Menu { Buttons = m.Buttons ?? [] } : null;
        return new PublishedMenus(main, body.Menu?.MenuId, conditional);
    }

    /// <summary>GET /cgi-bin/menu/delete: deletes every menu, conditional ones included.</summary>
    public Task DeleteAsync(string accessToken, CancellationToken ct = default) =>
        PlatformRequests.GetAsync<PlatformResult>(http, options.Value, "cgi-bin/menu/delete", accessToken, "", ct);

    /// <summary>POST /cgi-bin/menu/addconditional: returns the new menu's id. A default menu must exist (65303).</summary>
    public async Task<long> AddConditionalAsync(string accessToken, Menu menu, MatchRule rule, CancellationToken ct = default)
    {
        var request = new MenuWire { Buttons = menu.Buttons, MatchRule = rule };
        var body = await PlatformRequests.PostAsync<MenuIdResult>(http, options.Value, "cgi-bin/menu/addconditional", accessToken, request, ct).ConfigureAwait(false);
        return body.MenuId;
    }

    /// <summary>POST /cgi-bin/menu/delconditional.</summary>
    public Task DeleteConditionalAsync(string accessToken, long menuId, CancellationToken ct = default) =>
        PlatformRequests.PostAsync<PlatformResult>(http, options.Value, "cgi-bin/menu/delconditional", accessToken, new { menuid = menuId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct);

    /// <summary>POST /cgi-bin/menu/trymatch: the menu this follower (OpenID or WeChat ID) sees.</summary>
    public async Task<Menu> TryMatchAsync(string accessToken, string userId, CancellationToken ct = default)
    {
        var body = await PlatformRequests.PostAsync<TryMatchResult>(http, options.Value, "cgi-bin/menu/trymatch", accessToken, new { user_id = userId }, ct).ConfigureAwait(false);
        // The documentation shows the buttons at the top; some answers wrap them in "menu".
        return new Menu { Buttons = body.Buttons ?? body.Menu?.Buttons ?? [] };
    }

    /// <summary>A menu as it travels: buttons, and for a conditional menu its rule and id.</summary>
    private sealed record MenuWire
    {
        [JsonPropertyName("button")]
        public IReadOnlyList<MenuButton>? Buttons { get; init; }

        [JsonPropertyName("matchrule")]
        public MatchRule? MatchRule { get; init; }

        [JsonPropertyName("menuid"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
        public long? MenuId { get; init; }
    }

    private sealed record MenuGetResult : PlatformResult
    {
        [JsonPropertyName("menu")]
        public MenuWire? Menu { get; init; }

        [JsonPropertyName("conditionalmenu")]
        public List<MenuWire>? Conditional { get; init; }
    }

    private sealed record MenuIdResult : PlatformResult
    {
        /// <summary>A string in this answer, a number in menu/get.</summary>
        [JsonPropertyName("menuid"), JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
        public long MenuId { get; init; }
    }

    private sealed record TryMatchResult : PlatformResult
    {
        [JsonPropertyName("button")]
        public IReadOnlyList<MenuButton>? Buttons { get; init; }

        [JsonPropertyName("menu")]
        public MenuWire? Menu { get; init; }
    }
}
