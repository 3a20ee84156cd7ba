using System.Text.Json;
using Portal.Core.Menus;
using Portal.Core.Operators;
using Portal.Tests.Infrastructure;
using static Portal.Core.Menus.MenuErrorCodes;

namespace Portal.Tests.Menus;

/// <summary>
/// The workbench's check handler is MenuRules over HTTP: each rule's problem comes back with its code,
/// its path and the button to mark. MenuRules itself is tested in Platform; this covers the wiring.
/// </summary>
public sealed class MenuCheckTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static string Long(int bytes) => new('k', bytes);

    public static TheoryData<string, string, string, int, string, int?, int?> Cases => new()
    {
        { "no buttons", """{"button":[]}""", "{}", ButtonCount, "", null, null },
        { "four buttons", """{"button":[{"type":"click","name":"A","key":"A"},{"type":"click","name":"B","key":"B"},{"type":"click","name":"C","key":"C"},{"type":"click","name":"D","key":"D"}]}""", "{}", ButtonCount, "", null, null },
        { "name over 16 bytes", """{"button":[{"type":"click","name":"六个汉字太长","key":"A"}]}""", "{}", ButtonNameSize, "button 1", 0, null },
        { "no name", """{"button":[{"type":"click","name":"","key":"A"}]}""", "{}", ButtonNameSize, "button 1", 0, null },
        { "sub name over 60 bytes", """{"button":[{"name":"P","sub_button":[{"type":"click","name":"二十一个汉字二十一个汉字二十一个汉字二十一个汉","key":"A"}]}]}""", "{}", SubButtonNameSize, "button 1, sub-button 1", 0, 0 },
        { "six sub-buttons", """{"button":[{"name":"P","sub_button":[{"type":"click","name":"1","key":"1"},{"type":"click","name":"2","key":"2"},{"type":"click","name":"3","key":"3"},{"type":"click","name":"4","key":"4"},{"type":"click","name":"5","key":"5"},{"type":"click","name":"6","key":"6"}]}]}""", "{}", SubButtonCount, "button 1", 0, null },
        { "parent with a type", """{"button":[{"type":"click","name":"P","key":"K","sub_button":[{"type":"click","name":"1","key":"1"}]}]}""", "{}", ButtonType, "button 1", 0, null },
        { "leaf without a type", """{"button":[{"name":"A"}]}""", "{}", ButtonType, "button 1", 0, null },
        { "unknown type", """{"button":[{"type":"teleport","name":"A"}]}""", "{}", ButtonType, "button 1", 0, null },
        { "sub-button without a type", """{"button":[{"name":"P","sub_button":[{"name":"1"}]}]}""", "{}", SubButtonType, "button 1, sub-button 1", 0, 0 },
        { "click without key", """{"button":[{"type":"click","name":"A"}]}""", "{}", ButtonKeySize, "button 1", 0, null },
        { "key over 128 bytes", $$"""{"button":[{"type":"scancode_push","name":"A","key":"{{Long(129)}}"}]}""", "{}", ButtonKeySize, "button 1", 0, null },
        { "sub key missing", """{"button":[{"name":"P","sub_button":[{"type":"location_select","name":"1"}]}]}""", "{}", SubButtonKeySize, "button 1, sub-button 1", 0, 0 },
        { "view without url", """{"button":[{"type":"view","name":"A"}]}""", "{}", ButtonUrlSize, "button 1", 0, null },
        { "url over 1024 bytes", $$"""{"button":[{"type":"view","name":"A","url":"https://a.example/{{Long(1010)}}"}]}""", "{}", ButtonUrlSize, "button 1", 0, null },
        { "sub url missing", """{"button":[{"name":"P","sub_button":[{"type":"view","name":"1"}]}]}""", "{}", SubButtonUrlSize, "button 1, sub-button 1", 0, 0 },
        { "url not http", """{"button":[{"type":"view","name":"A","url":"ftp://a.example/"}]}""", "{}", ButtonUrlDomain, "button 1", 0, null },
        { "sub url not http", """{"button":[{"name":"P","sub_button":[{"type":"view","name":"1","url":"shop"}]}]}""", "{}", SubButtonUrlDomain, "button 1, sub-button 1", 0, 0 },
        { "mini-program without appid", """{"button":[{"type":"miniprogram","name":"A","url":"https://a.example/","pagepath":"pages/index"}]}""", "{}", MiniProgramAppId, "button 1", 0, null },
        { "mini-program without page", """{"button":[{"type":"miniprogram","name":"A","url":"https://a.example/","appid":"wx1"}]}""", "{}", MiniProgramPagePath, "button 1", 0, null },
        { "media without media_id", """{"button":[{"type":"media_id","name":"A"}]}""", "{}", InvalidMediaId, "button 1", 0, null },
        { "article without article_id", """{"button":[{"type":"article_view_limited","name":"A"}]}""", "{}", InvalidMediaId, "button 1", 0, null },
        { "empty match rule", """{"button":[{"type":"click","name":"A","key":"A"}]}""", "{}", MatchRuleEmpty, "match rule", null, null },
        { "province without country", """{"button":[{"type":"click","name":"A","key":"A"}]}""", """{"province":"广东"}""", MatchRuleCountryMissing, "match rule", null, null },
        { "city without province", """{"button":[{"type":"click","name":"A","key":"A"}]}""", """{"country":"中国","city":"深圳"}""", MatchRuleProvinceMissing, "match rule", null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_check_names_the_rule_broken_and_where(string rule, string menu, string matchRule, int code, string path, int? button, int? subButton)
    {
        using var browser = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        // Match rules only count for a conditional slot; the default menu never carries one.
        var slot = code >= MatchRuleEmpty ? "vip" : "default";

        using var response = await browser.PostAsync("Check", MenuForms.Raw(menu, matchRule, slot), slot);
        var problems = (await MenuForms.JsonOfAsync(response)).GetProperty("problems").EnumerateArray().ToList();

        var problem = problems.FirstOrDefault(p => p.GetProperty("code").GetInt32() == code);
        Assert.True(problem.ValueKind == JsonValueKind.Object, $"{rule}: no {code} among {string.Join("; ", problems)}");
        Assert.Equal(path, problem.GetProperty("path").GetString());
        Assert.Equal(button, Nullable(problem.GetProperty("button")));
        Assert.Equal(subButton, Nullable(problem.GetProperty("subButton")));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_menu_within_every_limit_has_no_problems()
    {
        using var browser = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);
        var menu = new Menu(MenuButton.Click("今日特价", "TODAY"), MenuButton.Parent("更多", MenuButton.View("会员中心", "https://shop.example/member"), MenuButton.Event(MenuButtonTypes.LocationSelect, "发送位置", "WHERE")));

        using var response = await browser.PostAsync("Check", MenuForms.Working(menu));

        Assert.Empty((await MenuForms.JsonOfAsync(response)).GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task A_default_menu_ignores_a_posted_rule()
    {
        using var browser = await AdminBrowser.SignedInAsync(app, OperatorRole.Editor);

        using var response = await browser.PostAsync("Check", MenuForms.Raw("""{"button":[{"type":"click","name":"A","key":"A"}]}""", """{"province":"广东"}"""));

        Assert.Empty((await MenuForms.JsonOfAsync(response)).GetProperty("problems").EnumerateArray());
    }

    private static int? Nullable(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetInt32();
}
