using Microsoft.Playwright;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. The test command installs it; a machine without it fails the
/// browser tests with a message saying so rather than skipping them.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Browser tests need Debian's Chromium at {ChromiumPath}; ./test.sh installs it (apt-get install chromium).");
        // Assertions wait for the page to show what they expect. Playwright's 5 s is short for two cores shared by
        // a whole test run (a page's check answers late under load); 30 s is a deadline for a broken build, and a
        // passing assertion waits only as long as the page takes.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's sandbox needs user namespaces that CI containers (running as root) do not give.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
            await Chromium.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>
    /// Saves a screenshot. With <c>PORTAL_UPDATE_SCREENSHOTS=1</c> it goes to the repository's <c>docs/screenshots</c>,
    /// where the README shows it; otherwise to the test output, so that a test run leaves the working tree as it was.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("PORTAL_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Portal.sln not found above the test output folder.");
    }
}
