using System.Diagnostics;

namespace Portal.Tests.Hosting;

/// <summary>
/// Portal started as a process, as an operator starts it: a wrong setting ends it with one line on stderr
/// naming the setting and exit code 1, never an unhandled exception's stack trace.
/// </summary>
public sealed class StartupExitTests
{
    private static async Task<(int ExitCode, string Error)> StartAsync(Dictionary<string, string> environment)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), Infrastructure.TestServers.UniqueName("portal-exit"));
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Portal.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Database__DataFolder"] = dataFolder;
        start.Environment["WeChat__AppId"] = Infrastructure.PortalAppFactory.AppId;
        start.Environment["WeChat__Token"] = Infrastructure.PortalAppFactory.Token;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Portal kept running with a wrong setting: " + await output);
        }
        finally
        {
            if (Directory.Exists(dataFolder))
                Directory.Delete(dataFolder, recursive: true);
        }
        return (process.ExitCode, (await error).Trim());
    }

    [Fact]
    public async Task Production_with_the_sandbox_on_says_so_and_exits_1()
    {
        var (code, error) = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Sandbox__Enabled"] = "true",
        });

        Assert.Equal(1, code);
        Assert.StartsWith("Portal cannot start: Sandbox:Enabled is true in Production.", error);
        Assert.Single(error.Split('\n'));
        Assert.DoesNotContain("Unhandled exception", error);
    }

    [Fact]
    public async Task Any_other_wrong_setting_is_named_the_same_way()
    {
        var (code, error) = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Sandbox__Enabled"] = "false",
            ["WeChat__EncodingAESKey"] = "SecretAesKeyThatIsTooShort",
        });

        Assert.Equal(1, code);
        Assert.StartsWith("Portal cannot start:", error);
        Assert.Contains("WeChat:EncodingAESKey", error);
        Assert.DoesNotContain("SecretAesKeyThatIsTooShort", error);
        Assert.Single(error.Split('\n'));
    }

    [Fact]
    public async Task A_cookie_key_certificate_that_is_not_there_is_named_the_same_way()
    {
        var (code, error) = await StartAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Sandbox__Enabled"] = "false",
            ["DataProtection__CertificatePath"] = "/nonexistent/keyring.pfx",
            ["DataProtection__CertificatePassword"] = "SecretPfxPassword",
        });

        Assert.Equal(1, code);
        Assert.StartsWith("Portal cannot start: DataProtection:CertificatePath names '/nonexistent/keyring.pfx'", error);
        Assert.DoesNotContain("SecretPfxPassword", error);
        Assert.Single(error.Split('\n'));
    }
}
