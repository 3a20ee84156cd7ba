using Portal.Core.Accounts;
using Portal.Core.Coordination;
using Portal.Core.Data;
using Portal.Core.Notifications;
using Portal.Core.Outbox;
using Portal.Core.Platform;
using Portal.Web.Accounts;
using Portal.Web.AutoReplies;
using Portal.Web.Dashboard;
using Portal.Web.DataProtection;
using Portal.Web.Followers;
using Portal.Web.Health;
using Portal.Web.Hosting;
using Portal.Web.Inbox;
using Portal.Web.Members;
using Portal.Web.Menus;
using Portal.Web.Messaging;
using Portal.Web.Operators;
using Portal.Web.Site;

StartupFailure.ExitCleanlyOnBadSettings();   // a wrong setting: one line naming it and exit code 1
// Operators and members each have a cookie scheme, and neither is the default: with one scheme registered,
// ASP.NET Core would make it everyone's default and read that cookie on every request, the webhook's too.
// Pages name their scheme through their policies instead.
AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
var builder = WebApplication.CreateBuilder(args);

// Shared modules: they know no feature. Each registers its services and binds its options, validated at start.
builder.AddData();                  // database settings, connections, migrations
builder.AddCoordination();          // Redis when configured, else in-process: claims, leases, heartbeats
builder.AddAccounts();              // the Official Accounts Portal serves
builder.AddPlatform();              // WeChat's API: HTTP client with retries, token and ticket brokers
builder.AddOutbox();                // work done after WeChat is answered, delivered in the background by lane
builder.AddNotifications();         // template messages, sent through the outbox

// The host's own parts.
builder.AddPortalSandbox();         // the built-in WeChat platform (Portal.Sandbox), never in Production
builder.AddPortalDataProtection();  // cookie keys: in the database, shared and durable
builder.AddPortalHealth();          // /healthz checks
builder.AddPortalPages();           // Razor pages and static files
builder.AddPortalSecurityHeaders(); // CSP, nosniff, framing, no-store; HSTS and Secure cookies in Production
builder.AddPortalPublicAddress();   // absolute URLs from Portal:PublicBaseUrl; hosts answered; proxies believed

// Features: one line each, registering all of the feature (Core and Web).
builder.AddMessaging();             // the webhook WeChat calls and the pipeline behind it
builder.AddAutoReplies();           // reply rules and the handlers the routing table calls
builder.AddMenus();                 // the custom menu
builder.AddFollowers();             // followers, tags, sync from the platform
builder.AddInbox();                 // followers' messages and customer-service replies
builder.AddMembers();               // H5 sign-in, member centre, points, coupons, counter
builder.AddSite();                  // the micro-site: content, output cache, compression, images
builder.AddOperators();             // operators' sign-in, roles and audit trail for /admin
builder.AddDashboard();             // the admin home: figures, and failed deliveries to retry

var app = builder.Build();

await app.PrepareSharedStateAsync();   // migrations, accounts, Redis connection, cookie keys
if (await app.RunOperatorCommandAsync(args))   // e.g. create-owner <name>, then exit
    return;

app.UsePortalProxies();    // first: the client's address and scheme, from listed proxies only
app.MapMessaging();        // then the webhook, a middleware: WeChat's calls skip everything the pages need
app.UsePortalSecurityHeaders();   // next: every other response, errors included, carries them
app.UsePortalErrorPage();  // a plain 500 page outside Development, the exception only in the log
app.UsePortalPageAccounts();   // /a/{AppId}/… are that account's pages: the prefix becomes the path base
app.UseRouting();          // called here, or the host would match endpoints ahead of the webhook too
app.UseAuthentication();   // operators and members; called here so that it comes after the webhook
app.MapPortalHealth();
app.MapPortalSandbox();
app.MapMembers();          // sign-in endpoints
app.MapSite();             // JS-SDK signature; compression, read counts and output cache for public pages; media
app.UseAuthorization();    // each policy names its scheme, so the operator cookie is read only on admin pages
app.MapPortalPages();

app.AnnounceWhereToOpen();
await app.RunAsync();

/// <summary>Exposed so functional tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
