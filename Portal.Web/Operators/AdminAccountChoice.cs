using System.Globalization;
using Portal.Core.Accounts;

namespace Portal.Web.Operators;

/// <summary>
/// The Official Account an admin request works on, chosen by <see cref="ChooseAdminAccount"/> before the page's
/// handler runs and read by the page as a value (<c>HttpContext.AdminAccount()</c>), then passed to Core.
/// </summary>
public static class AdminAccountChoice
{
    /// <summary>The operator's choice between requests; only a hint, checked again on every request.</summary>
    public const string CookieName = "portal.account";

    /// <summary>The hidden field every admin post form carries: the account the form was shown for.</summary>
    public const string FormField = "_account";

    private const string AccountKey = "portal:admin-account";
    private const string UsableKey = "portal:admin-accounts";

    /// <summary>The account this admin request works on.</summary>
    public static WeChatAccount AdminAccount(this HttpContext context) =>
        context.Items[AccountKey] as WeChatAccount
        ?? throw new InvalidOperationException("Only admin pages of a signed-in operator have an account; ChooseAdminAccount sets it.");

    /// <summary>The account, or null outside the operator's admin pages (sign-in, first run).</summary>
    public static WeChatAccount? AdminAccountOrNull(this HttpContext context) => context.Items[AccountKey] as WeChatAccount;

    /// <summary>The accounts this operator may work on, in the directory's order.</summary>
    public static IReadOnlyList<WeChatAccount> AdminAccounts(this HttpContext context) =>
        context.Items[UsableKey] as IReadOnlyList<WeChatAccount> ?? [];

    internal static void Set(HttpContext context, WeChatAccount account, IReadOnlyList<WeChatAccount> usable)
    {
        context.Items[AccountKey] = account;
        context.Items[UsableKey] = usable;
    }

    /// <summary>The id in a cookie or form field, when it is one.</summary>
    internal static int? Parse(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>Remembers the operator's choice for their next requests.</summary>
    public static void Remember(HttpContext context, WeChatAccount account) =>
        context.Response.Cookies.Append(CookieName, account.Id.ToString(CultureInfo.InvariantCulture), new CookieOptions
        {
            Path = "/admin",
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = OperatorClaims.CookieLife,
        });
}
