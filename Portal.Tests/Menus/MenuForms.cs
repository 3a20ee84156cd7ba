using System.Net;
using System.Text.Json;
using Portal.Core.Menus;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Menus;

/// <summary>What the menu workbench's script posts, and reading its JSON answers.</summary>
public static class MenuForms
{
    public static Dictionary<string, string> Working(Menu menu, MatchRule? rule = null, string slot = MenuDraftStore.DefaultSlot) => new()
    {
        ["slot"] = slot,
        ["menu"] = MenuJson.Write(menu),
        ["rule"] = MenuJson.Write(rule) ?? "{}",
    };

    public static Dictionary<string, string> Raw(string menuJson, string ruleJson = "{}", string slot = MenuDraftStore.DefaultSlot) => new()
    {
        ["slot"] = slot,
        ["menu"] = menuJson,
        ["rule"] = ruleJson,
    };

    /// <summary>Posts to one of the workbench's handlers with the token of the workbench page.</summary>
    public static Task<HttpResponseMessage> PostAsync(this AdminBrowser browser, string handler, Dictionary<string, string> fields, string slot = MenuDraftStore.DefaultSlot) =>
        browser.PostFormAsync($"/admin/menu?slot={slot}", $"/admin/menu?handler={handler}", fields);

    public static async Task<JsonElement> JsonOfAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"answered {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
