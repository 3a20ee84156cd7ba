using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Hosting;

/// <summary>Cookies made by one instance must open on another: with Redis configured the keys live there.</summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task What_one_instance_protects_another_sharing_redis_can_read()
    {
        var prefix = TestServers.UniqueName("keys") + ":";
        PortalAppFactory Instance()
        {
            var app = new PortalAppFactory();
            app.Settings["Redis:Configuration"] = TestServers.RedisConfiguration;
            app.Settings["Redis:KeyPrefix"] = prefix;
            return app;
        }
        await using var one = Instance();
        await using var two = Instance();

        var sealedText = one.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("member-cookie").Protect("openid:o123");
        var opened = two.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("member-cookie").Unprotect(sealedText);

        Assert.Equal("openid:o123", opened);
        using var redis = await TestServers.ConnectRedisAsync();
        Assert.True(await redis.GetDatabase().KeyExistsAsync(prefix + "data-protection-keys"));
        await redis.GetDatabase().KeyDeleteAsync(prefix + "data-protection-keys");
    }

    [Fact]
    public async Task Without_redis_keys_are_kept_in_the_data_folder_and_survive_a_restart()
    {
        await using var first = new PortalAppFactory();
        var sealedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("p").Protect("kept");

        await using var restarted = new PortalAppFactory();
        restarted.Settings["Database:DataFolder"] = first.DataFolder;
        Assert.Equal("kept", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("p").Unprotect(sealedText));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(first.DataFolder, "keys")));
    }
}
