using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.DataProtection;

/// <summary>
/// Several instances on one PostgreSQL and one Redis, as behind a load balancer: whichever instance a
/// browser reaches accepts the cookie another issued, through a Redis restart and an instance restart.
/// </summary>
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private readonly SharedStateInstances _shared = new();

    public Task InitializeAsync() => _shared.InitializeAsync();

    public Task DisposeAsync() => _shared.DisposeAsync();

    [Fact]
    public async Task A_sign_in_on_one_instance_is_accepted_by_another()
    {
        await using var one = _shared.Instance();
        await using var two = _shared.Instance();

        var cookie = await OperatorCookies.SignInAsync(one);

        Assert.True(await OperatorCookies.OpensAdminAsync(two, cookie));
    }

    [Fact]
    public async Task After_redis_forgets_everything_and_an_instance_restarts_every_instance_accepts_every_cookie()
    {
        await using var one = _shared.Instance();
        var two = _shared.Instance();
        var fromOne = await OperatorCookies.SignInAsync(one);
        var fromTwo = await OperatorCookies.SignInAsync(two);

        // Redis restarted without its data: every key of this test's instances is gone (only theirs: the
        // server is shared with other tests). Then instance two restarts, as a deploy or a crash would.
        await WipeRedisAsync();
        await two.DisposeAsync();
        await using var twoAgain = _shared.Instance();
        var fromTwoAgain = await OperatorCookies.SignInAsync(twoAgain);

        Assert.True(await OperatorCookies.OpensAdminAsync(twoAgain, fromOne));
        Assert.True(await OperatorCookies.OpensAdminAsync(twoAgain, fromTwo));
        Assert.True(await OperatorCookies.OpensAdminAsync(one, fromTwoAgain));
        Assert.True(await OperatorCookies.OpensAdminAsync(one, fromTwo));
        Assert.Single(await OperatorCookies.StoredRingAsync(one));
    }

    [Fact]
    public async Task Instances_starting_together_on_an_empty_ring_share_one_key()
    {
        var instances = Enumerable.Range(0, 3).Select(_ => _shared.Instance()).ToList();
        try
        {
            // Building each host runs its start-up, key ring included; all at once, as a fleet deploys.
            await Task.WhenAll(instances.Select(app => Task.Run(() => app.Services)));

            var ring = await OperatorCookies.StoredRingAsync(instances[0]);
            Assert.Single(ring);
            Assert.StartsWith("key-", ring[0].Name);
            foreach (var issuer in instances)
            {
                var cookie = await OperatorCookies.SignInAsync(issuer);
                foreach (var reader in instances)
                    Assert.True(await OperatorCookies.OpensAdminAsync(reader, cookie));
            }
        }
        finally
        {
            foreach (var app in instances)
                await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_key_another_instance_added_after_this_one_read_the_ring_is_found_in_the_database()
    {
        await using var one = _shared.Instance();
        await using var two = _shared.Instance();
        Assert.True(await OperatorCookies.OpensAdminAsync(two, await OperatorCookies.SignInAsync(one)));

        // Instance one adds a key that becomes its default at once (as after an operator revoked the old
        // one). Instance two has read the ring already and has never seen this key.
        var keys = one.Services.GetRequiredService<IKeyManager>();
        var now = DateTimeOffset.UtcNow;
        var added = keys.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));
        var cookie = await OperatorCookies.SignInAsync(one);

        // The framework meets an unknown key id and reads the ring again (it does so for the first two
        // minutes of an instance's life; later, new keys are made two days before they are used, and every
        // instance re-reads the ring at least daily).
        Assert.True(await OperatorCookies.OpensAdminAsync(two, cookie));
        Assert.Contains(await OperatorCookies.StoredRingAsync(two), row => row.Name == $"key-{added.KeyId}");
    }

    [Fact]
    public async Task Upgrading_from_keys_in_redis_keeps_an_earlier_sign_in_valid()
    {
        // The earlier Portal kept the ring in the Redis list {KeyPrefix}data-protection-keys, one XML element
        // per entry. Its key is made here in a folder and pushed to that list as the earlier version stored it.
        var folder = new DirectoryInfo(Path.Combine(Path.GetTempPath(), TestServers.UniqueName("old-ring")));
        await using var earlier = _shared.Instance();
        earlier.TestServices.Add(services => services.Configure<KeyManagementOptions>(o =>
            o.XmlRepository = new FileSystemXmlRepository(folder, NullLoggerFactory.Instance)));
        var name = $"op-{Guid.NewGuid():N}"[..16];
        await Infrastructure.AdminBrowser.CreateOperatorAsync(earlier, name, Portal.Core.Operators.OperatorRole.Editor);
        var cookie = await OperatorCookies.SignInAsync(earlier, name);
        Assert.Empty(await OperatorCookies.StoredRingAsync(earlier));
        using (var redis = await TestServers.ConnectRedisAsync())
        {
            foreach (var file in folder.GetFiles("*.xml"))
                await redis.GetDatabase().ListRightPushAsync(_shared.RedisPrefix + "data-protection-keys", XElement.Load(file.FullName).ToString(SaveOptions.DisableFormatting));
        }
        var oldKeyId = XElement.Load(Assert.Single(folder.GetFiles("key-*.xml")).FullName).Attribute("id")!.Value;
        folder.Delete(recursive: true);

        await using var upgraded = _shared.Instance();

        Assert.True(await OperatorCookies.OpensAdminAsync(upgraded, cookie));
        Assert.Equal($"key-{oldKeyId}", Assert.Single(await OperatorCookies.StoredRingAsync(upgraded)).Name);
        await using var another = _shared.Instance();
        Assert.True(await OperatorCookies.OpensAdminAsync(another, await OperatorCookies.SignInAsync(upgraded, name)));
    }

    [Fact]
    public async Task With_redis_unreachable_at_the_first_start_portal_starts_on_a_new_ring()
    {
        await using var app = _shared.Instance();
        app.Settings["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=200";

        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("p");

        Assert.Equal("opened", protector.Unprotect(protector.Protect("opened")));
        Assert.StartsWith("key-", Assert.Single(await OperatorCookies.StoredRingAsync(app)).Name);
    }

    private async Task WipeRedisAsync()
    {
        using var redis = await TestServers.ConnectRedisAsync();
        var server = redis.GetServers()[0];
        await foreach (var key in server.KeysAsync(pattern: _shared.RedisPrefix + "*"))
            await redis.GetDatabase().KeyDeleteAsync(key);
    }
}
