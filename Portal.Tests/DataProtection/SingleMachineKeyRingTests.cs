using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.DataProtection;

/// <summary>
/// One machine on SQLite, as the README's first command runs it: the cookie keys live in the database
/// file, survive a restart, and a ring an earlier Portal kept in the data folder's keys/ is taken over.
/// </summary>
public sealed class SingleMachineKeyRingTests
{
    [Fact]
    public async Task A_sign_in_survives_a_restart_with_the_keys_in_the_database_file()
    {
        await using var first = new PortalAppFactory();
        var cookie = await OperatorCookies.SignInAsync(first);

        await using var restarted = new PortalAppFactory();
        restarted.Settings["Database:DataFolder"] = first.DataFolder;

        Assert.True(await OperatorCookies.OpensAdminAsync(restarted, cookie));
        Assert.Single(await OperatorCookies.StoredRingAsync(restarted));
        Assert.False(Directory.Exists(Path.Combine(first.DataFolder, "keys")));
    }

    [Fact]
    public async Task Upgrading_from_keys_in_the_data_folder_keeps_an_earlier_sign_in_valid()
    {
        // The earlier Portal: the same app with its key ring in the data folder's keys/, as it used to be.
        await using var earlier = new PortalAppFactory();
        var keysFolder = new DirectoryInfo(Path.Combine(earlier.DataFolder, "keys"));
        earlier.TestServices.Add(services => services.Configure<KeyManagementOptions>(o =>
            o.XmlRepository = new FileSystemXmlRepository(keysFolder, NullLoggerFactory.Instance)));
        var name = $"op-{Guid.NewGuid():N}"[..16];
        await Infrastructure.AdminBrowser.CreateOperatorAsync(earlier, name, Portal.Core.Operators.OperatorRole.Editor);
        var cookie = await OperatorCookies.SignInAsync(earlier, name);
        Assert.Empty(await OperatorCookies.StoredRingAsync(earlier));
        var oldKey = Assert.Single(keysFolder.GetFiles("key-*.xml"));

        await using var upgraded = new PortalAppFactory();
        upgraded.Settings["Database:DataFolder"] = earlier.DataFolder;

        Assert.True(await OperatorCookies.OpensAdminAsync(upgraded, cookie));
        // The old key was moved in and is the one in use: no new key was made beside it.
        var ring = await OperatorCookies.StoredRingAsync(upgraded);
        Assert.Equal(Path.GetFileNameWithoutExtension(oldKey.Name), Assert.Single(ring).Name);
        Assert.True(await OperatorCookies.OpensAdminAsync(upgraded, await OperatorCookies.SignInAsync(upgraded, name)));
    }

    [Fact]
    public async Task The_old_ring_is_taken_over_once_and_not_again_when_the_table_has_keys()
    {
        await using var first = new PortalAppFactory();
        var protector = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("p");
        var sealedText = protector.Protect("kept");

        // A stray ring appears in keys/ later (a restored backup): the database's ring stays as it is.
        var stray = new ServiceCollection().AddDataProtection().SetApplicationName("Portal")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(first.DataFolder, "keys"))).Services.BuildServiceProvider();
        stray.GetRequiredService<IDataProtectionProvider>().CreateProtector("p").Protect("stray");

        await using var restarted = new PortalAppFactory();
        restarted.Settings["Database:DataFolder"] = first.DataFolder;
        Assert.Equal("kept", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("p").Unprotect(sealedText));
        Assert.Single(await OperatorCookies.StoredRingAsync(restarted));
    }
}
