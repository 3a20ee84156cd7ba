using System.Text.Json;
using Portal.Core.Platform;

namespace Portal.Core.Menus;

/// <summary>How menus and rules are stored: the platform's own JSON, so a stored menu reads like the API's.</summary>
public static class MenuJson
{
    public static string Write(Menu menu) => JsonSerializer.Serialize(menu, PlatformJson.Options);

    public static string? Write(MatchRule? rule) => rule is null ? null : JsonSerializer.Serialize(rule, PlatformJson.Options);

    public static Menu ReadMenu(string json) => JsonSerializer.Deserialize<Menu>(json, PlatformJson.Options) ?? new Menu();

    public static MatchRule? ReadRule(string? json) => json is null ? null : JsonSerializer.Deserialize<MatchRule>(json, PlatformJson.Options);
}
