using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;

namespace Portal.Tests.DataProtection;

/// <summary>
/// With <c>DataProtection:CertificatePath</c> the keys are encrypted to the certificate before they reach
/// the database; a certificate that cannot be used stops Portal at start with one line naming the setting.
/// </summary>
public sealed class KeyRingCertificateTests : IDisposable
{
    private const string Password = "pfx-password-for-tests";
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-cert").FullName;

    private string CertificateFile(string name = "keyring")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Portal key ring test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    [Fact]
    public async Task With_a_certificate_the_database_holds_no_plaintext_key_and_sign_ins_survive_a_restart()
    {
        var pfx = CertificateFile();
        await using var first = new PortalAppFactory();
        first.Settings["DataProtection:CertificatePath"] = pfx;
        first.Settings["DataProtection:CertificatePassword"] = Password;
        var cookie = await OperatorCookies.SignInAsync(first);

        var (_, xml) = Assert.Single(await OperatorCookies.StoredRingAsync(first));
        Assert.Contains("EncryptedData", xml);
        Assert.DoesNotContain("<value>", xml);   // where an unencrypted key keeps its secret
        Assert.DoesNotContain("unencrypted form", xml);

        await using var restarted = new PortalAppFactory();
        restarted.Settings["Database:DataFolder"] = first.DataFolder;
        restarted.Settings["DataProtection:CertificatePath"] = pfx;
        restarted.Settings["DataProtection:CertificatePassword"] = Password;
        Assert.True(await OperatorCookies.OpensAdminAsync(restarted, cookie));
    }

    [Fact]
    public async Task A_replaced_certificate_kept_as_the_previous_one_keeps_sign_ins_valid()
    {
        var old = CertificateFile("old");
        await using var first = new PortalAppFactory();
        first.Settings["DataProtection:CertificatePath"] = old;
        first.Settings["DataProtection:CertificatePassword"] = Password;
        var cookie = await OperatorCookies.SignInAsync(first);

        await using var renewed = new PortalAppFactory();
        renewed.Settings["Database:DataFolder"] = first.DataFolder;
        renewed.Settings["DataProtection:CertificatePath"] = CertificateFile("new");
        renewed.Settings["DataProtection:CertificatePassword"] = Password;
        renewed.Settings["DataProtection:PreviousCertificatePath"] = old;
        renewed.Settings["DataProtection:PreviousCertificatePassword"] = Password;

        Assert.True(await OperatorCookies.OpensAdminAsync(renewed, cookie));
        Assert.Single(await OperatorCookies.StoredRingAsync(renewed));
    }

    [Fact]
    public async Task An_instance_that_cannot_read_the_keys_stops_rather_than_making_a_ring_of_its_own()
    {
        await using var first = new PortalAppFactory();
        first.Settings["DataProtection:CertificatePath"] = CertificateFile("old");
        first.Settings["DataProtection:CertificatePassword"] = Password;
        var cookie = await OperatorCookies.SignInAsync(first);

        // Restarted with a new certificate and without the old one.
        using (var forgetful = new PortalAppFactory())
        {
            forgetful.Settings["Database:DataFolder"] = first.DataFolder;
            forgetful.Settings["DataProtection:CertificatePath"] = CertificateFile("new");
            forgetful.Settings["DataProtection:CertificatePassword"] = Password;

            var problem = StartupProblem(forgetful);

            Assert.Contains("DataProtection:PreviousCertificatePath", problem);
        }
        Assert.Single(await OperatorCookies.StoredRingAsync(first));
        Assert.True(await OperatorCookies.OpensAdminAsync(first, cookie));
    }

    [Fact]
    public void A_missing_certificate_stops_portal_naming_the_setting()
    {
        using var app = new PortalAppFactory();
        app.Settings["DataProtection:CertificatePath"] = Path.Combine(_folder, "nowhere.pfx");

        var problem = StartupProblem(app);

        Assert.StartsWith("DataProtection:CertificatePath names", problem);
        Assert.Contains("does not exist", problem);
    }

    [Fact]
    public void A_wrong_password_stops_portal_without_showing_the_password()
    {
        using var app = new PortalAppFactory();
        app.Settings["DataProtection:CertificatePath"] = CertificateFile();
        app.Settings["DataProtection:CertificatePassword"] = "not-the-password";

        var problem = StartupProblem(app);

        Assert.Contains("DataProtection:CertificatePassword", problem);
        Assert.DoesNotContain("not-the-password", problem);
    }

    /// <summary>The line Portal prints when it refuses to start (see <see cref="StartupFailure"/>).</summary>
    private static string StartupProblem(PortalAppFactory app)
    {
        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<IOptions<Portal.Core.Data.DatabaseOptions>>());
        var invalid = error;
        while (invalid is not OptionsValidationException && invalid.InnerException is not null)
            invalid = invalid.InnerException;
        Assert.IsType<OptionsValidationException>(invalid);
        return StartupFailure.SettingsProblem(invalid)!;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
