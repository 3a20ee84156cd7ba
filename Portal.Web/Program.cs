using Portal.Web.DataProtection;
using Portal.Web.Health;
using Portal.Web.Hosting;
using Portal.Web.Members;
using Portal.Web.Messaging;
using Portal.Web.Operators;
using Portal.Web.Site;

StartupFailure.ExitCleanlyOnBadSettings();   // a wrong setting: one line naming it and exit code 1
var builder = WebApplication.CreateBuilder(args);

builder.AddPortalCore();            // options (validated at start), database, coordination
builder.AddPortalSandbox();         // the built-in WeChat platform, Development only
builder.AddPortalDataProtection();  // cookie keys: in the database, shared and durable
builder.AddPortalHealth();          // /healthz checks
builder.AddPortalPages();           // Razor pages and static files
builder.AddPortalMembers();         // followers signed in through WeChat web authorization
builder.AddPortalAdmin();           // operators' sign-in, roles and audit trail for /admin
builder.AddPortalSite();            // the micro-site: content, output cache, compression, images
builder.Services.AddPortalWebhook(); // the URL WeChat calls
builder.AddPortalSecurityHeaders(); // CSP, nosniff, framing, no-store; HSTS and Secure cookies in Production
builder.AddPortalPublicAddress();   // absolute URLs from Portal:PublicBaseUrl; hosts answered; proxies believed

var app = builder.Build();

await app.PrepareSharedStateAsync();   // migrations, Redis connection, cookie keys
if (await app.RunOperatorCommandAsync(args))   // e.g. create-owner <name>, then exit
    return;

app.UsePortalProxies();    // first: the client's address and scheme, from listed proxies only
app.UsePortalWebhook();    // then: WeChat's calls skip everything the pages need
app.UsePortalSecurityHeaders();   // next: every other response, errors included, carries them
app.UsePortalErrorPage();  // a plain 500 page outside Development, the exception only in the log
app.UseRouting();          // called here, or the host would match endpoints ahead of the webhook too
app.UseAuthentication();   // operators and members; called here so that it comes after the webhook
app.MapPortalHealth();
app.MapPortalSandbox();
app.MapPortalMembers();
app.MapJsSdkConfig();
app.UsePortalSite();
app.UsePortalAdmin();
app.MapPortalPages();

app.AnnounceWhereToOpen();
await app.RunAsync();

/// <summary>Exposed so functional tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
