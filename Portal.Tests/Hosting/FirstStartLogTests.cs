using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>
/// A first start's log is Portal's own story: the resilience pipeline and HttpClient would otherwise write
/// four information lines per platform call and bury it.
/// </summary>
public sealed class FirstStartLogTests
{
    [Fact]
    public async Task Platform_calls_write_no_information_lines_from_polly_or_httpclient()
    {
        var logs = new CapturedLogs();
        await using var app = new PortalAppFactory();
        // Only the provider: the levels are the committed appsettings.json's, as on a first dotnet run.
        app.TestServices.Add(s => s.AddLogging(b => b.AddProvider(logs)));
        using var client = app.CreateClient();

        var token = await app.Services.GetRequiredService<AccessTokenBroker>().GetAsync(app.Services.DefaultAccount());
        Assert.NotEmpty(await app.Services.GetRequiredService<BasicClient>().GetApiDomainIpAsync(token));

        var lines = logs.Lines.Where(l => !l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.StartsWith("Information Portal.", StringComparison.Ordinal)); // Portal's own still shows
        Assert.DoesNotContain(lines, l => l.StartsWith("Information Polly", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Information System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Information Microsoft.Extensions.Http", StringComparison.Ordinal));
    }
}
