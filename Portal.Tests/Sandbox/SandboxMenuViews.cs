using System.Text.Json;
using Portal.Core.Platform;
using Portal.Core.Menus;
using Portal.Sandbox.Menus;
using Portal.Sandbox.Platform;

namespace Portal.Tests.Sandbox;

/// <summary>
/// The sandbox's menus in Portal's types and back, through the JSON both speak: the sandbox has types of its
/// own (it uses nothing of Portal's), and tests compare what it holds with what Portal published.
/// </summary>
public static class SandboxMenuViews
{
    public static Menu InPortal(this PlatformMenu menu) =>
        JsonSerializer.Deserialize<Menu>(JsonSerializer.Serialize(menu, SandboxJson.Options), PlatformJson.Options)!;

    public static MatchRule InPortal(this PlatformMatchRule rule) =>
        JsonSerializer.Deserialize<MatchRule>(JsonSerializer.Serialize(rule, SandboxJson.Options), PlatformJson.Options)!;

    public static PlatformMenu OnPlatform(this Menu menu) =>
        JsonSerializer.Deserialize<PlatformMenu>(JsonSerializer.Serialize(menu, PlatformJson.Options), SandboxJson.Options)!;

    /// <summary>As when someone publishes a menu in the WeChat console.</summary>
    public static void Publish(this SandboxMenus menus, Menu menu) => menus.Publish(menu.OnPlatform());
}
