using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Portal.Web.Members;

/// <summary>
/// Binds a web-authorization round trip to the browser that started it: the random <c>state</c> sent to
/// WeChat, the page to return to and how many attempts were made lately, in a cookie only this app can
/// read. A callback whose state is not this cookie's was not started here and is refused.
/// </summary>
public sealed class OAuthStateCookie(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Name = "portal-oauth";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly IDataProtector _protector = protection.CreateProtector("Portal.Members.OAuthState");

    public OAuthState? Read(HttpRequest request)
    {
        if (request.Cookies[Name] is not { Length: > 0 } raw)
            return null;
        try
        {
            var state = JsonSerializer.Deserialize<OAuthState>(_protector.Unprotect(raw));
            return state is not null && time.GetUtcNow() - state.StartedAt < Lifetime ? state : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null; // tampered, or from keys long gone: start again
        }
    }

    public void Write(HttpResponse response, OAuthState state) =>
        response.Cookies.Append(Name, _protector.Protect(JsonSerializer.Serialize(state)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            Path = PathFor(response.HttpContext.Request),
            MaxAge = Lifetime,
        });

    /// <summary>
    /// The member pages of the request's account (<c>/members</c>, <c>/a/{AppId}/members</c>): a sign-in started
    /// for one account is not read at another's callback.
    /// </summary>
    public static string PathFor(HttpRequest request) => request.PathBase + "/members";

    /// <summary>A new state value: letters and digits only, as WeChat allows (at most 128).</summary>
    public static string NewState() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
}

/// <summary>One browser's sign-in in progress.</summary>
/// <param name="Attempts">Round trips to WeChat in this cookie's life: past a few, something loops and a page says so.</param>
public sealed record OAuthState(string State, string ReturnUrl, string Scope, int Attempts, DateTimeOffset StartedAt);
