using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Core.Accounts;
using Portal.Core.Coordination;
using Portal.Core.Data;
using Portal.Core.Platform;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Portal.Core's shared modules without the web host, registered as Program.cs registers them: for tests that
/// run several "instances" in one process, each a service provider of its own.
/// </summary>
public static class CoreOnly
{
    public static IServiceCollection PlatformServices(IConfiguration configuration)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        builder.AddData();
        builder.AddCoordination();
        builder.AddAccounts();
        builder.AddPlatform();
        return builder.Services;
    }
}
