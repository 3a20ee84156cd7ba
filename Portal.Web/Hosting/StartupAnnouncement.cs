using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Portal.Web.Hosting;

/// <summary>Tells the person who just started Portal where to open it.</summary>
public static partial class StartupAnnouncement
{
    public static WebApplication AnnounceWhereToOpen(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var url = addresses?.FirstOrDefault();
            if (url is null)
                return;
            LogReady(app.Logger, url.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Portal is ready. Open {Url} in a browser.")]
    private static partial void LogReady(ILogger logger, string url);
}
