namespace Portal.Sandbox.Menus;

/// <summary>
/// The permanent materials (images, news) each sandbox account has in its library, so that a media_id menu
/// button can name one. The platform refuses a media_id that is not in the account's library with 40007,
/// which no check on Portal's side can know in advance: only the platform knows an account's library.
/// </summary>
public static class SandboxMaterials
{
    public const string Image = "PortalSandboxImage000000000000000000000000001";
    public const string News = "PortalSandboxNews0000000000000000000000000002";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Image, News };
}
