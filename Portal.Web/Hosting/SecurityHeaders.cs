using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.StaticAssets;
using Portal.Core;

namespace Portal.Web.Hosting;

/// <summary>
/// The headers every page, sandbox page and error response carries, and Secure cookies and HSTS in
/// Production. The webhook, placed ahead of this, carries none: WeChat reads no headers.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from Portal's own files, plus the JS-SDK that <c>wwwroot/h5/share.js</c> loads inside
    /// WeChat. Images from anywhere over http(s): WeChat avatars (often plain http) and the banner and share
    /// images operators link; data: for the QR codes drawn in the page. Inline style attributes exist, inline
    /// script must not (architecture §4d), so a slip that writes text into a handler is blocked by the browser.
    /// frame-ancestors 'self' keeps the admin's previews and the sandbox phone's in-chat browser working.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' https://res.wx.qq.com; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: https: http:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /// <summary>The sandbox phone's in-chat browser opens whatever a menu button or article links, as WeChat would.</summary>
    public const string SandboxPhoneContentSecurityPolicy = ContentSecurityPolicy + "; frame-src 'self' https: http:";


    private static readonly PathString Admin = "/admin", Members = "/members", Sandbox = "/sandbox";

    public static WebApplicationBuilder AddPortalSecurityHeaders(this WebApplicationBuilder builder)
    {
        // Behind a proxy that ends TLS the request Portal sees is plain http, so "Secure when the request is"
        // would leave every cookie unprotected there. Production means real followers, and an https public
        // address means people reach Portal over TLS: always Secure then.
        var secure = builder.Environment.IsProduction() || HttpsAddress(builder.Switch<PublicAddressOptions>(PublicAddressOptions.SectionName).PublicBaseUrl) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        // The policy covers every cookie written through Response.Cookies: antiforgery's, the OAuth state, the
        // sandbox's, any later one. (Antiforgery's own SecurePolicy = Always would instead refuse every plain-http
        // request, which is all a proxy that ends TLS forwards.) The sign-in cookies' options say it too.
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = secure);
        builder.Services.PostConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = secure);
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>Call right after the webhook, before anything that can answer or fail.</summary>
    public static WebApplication UsePortalSecurityHeaders(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            app.UseHsts();  // sent only over HTTPS, as the standard requires
            // Behind a proxy that ends TLS (without forwarded headers) the request looks like http, but an
            // https public address says the browser's side is TLS: HSTS goes there too.
            if (HttpsAddress(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PublicAddressOptions>>().Value.PublicBaseUrl))
            {
                var hsts = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>>().Value;
                var value = $"max-age={(long)hsts.MaxAge.TotalSeconds}";
                app.Use((http, next) =>
                {
                    if (!http.Request.IsHttps)
                    {
                        http.Response.OnStarting(static state =>
                        {
                            var (response, header) = ((HttpResponse, string))state;
                            response.Headers.StrictTransportSecurity = header;
                            return Task.CompletedTask;
                        }, (http.Response, value));
                    }
                    return next(http);
                });
            }
        }
        app.UseCookiePolicy();
        app.Use((http, next) =>
        {
            // On starting rather than now: an error page clears the headers set so far, and a 404 is decided later.
            http.Response.OnStarting(static state => Apply((HttpContext)state), http);
            return next(http);
        });
        return app;
    }

    // The address people reach Portal at: the cookie policy is fixed at start, so it is read while registering.
    private static bool HttpsAddress(string? publicBaseUrl) =>
        Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var address) && address.Scheme == Uri.UriSchemeHttps;

    private static Task Apply(HttpContext http)
    {
        var path = http.Request.Path;
        var headers = http.Response.Headers;
        var isPrivate = path.StartsWithSegments(Admin) || path.StartsWithSegments(Members);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers.ContentSecurityPolicy = path.StartsWithSegments("/sandbox/phone") ? SandboxPhoneContentSecurityPolicy : ContentSecurityPolicy;
        // Admin URLs carry OpenIDs and member codes, and the sandbox's carry followers' ids: none of them
        // may reach the sites whose images and links those pages show.
        headers["Referrer-Policy"] = isPrivate || path.StartsWithSegments(Sandbox) ? "no-referrer" : "strict-origin-when-cross-origin";
        // A shared or back-button copy of a member's or an operator's page must not outlive the session.
        // Their fingerprinted scripts and styles (under /admin/… too) keep their long cache.
        if (isPrivate && http.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
