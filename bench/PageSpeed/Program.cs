using System.Globalization;
using Microsoft.Playwright;

// Loads pages cold in Debian's Chromium over an emulated slow mobile network and reports what a follower
// on such a network waits for: bytes transferred and first contentful paint.
//   dotnet run --project bench/PageSpeed -- http://127.0.0.1:5095/ http://127.0.0.1:5095/articles/1
//
// "Slow 3G" is WebPageTest's "3G Slow" profile: 400 kbit/s down and up, 400 ms round trip. Chromium adds
// the latency to every request, so each request that is not in flight at once costs a round trip.
const double DownloadBytesPerSecond = 400_000 / 8.0;
const double UploadBytesPerSecond = 400_000 / 8.0;
const double LatencyMs = 400;
const int Runs = 5;

if (args.Length == 0)
{
    Console.Error.WriteLine("Give the URLs to load.");
    return 2;
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
Console.WriteLine($"| page | transferred (KB) | requests | first contentful paint, median of {Runs} (ms) | min–max (ms) |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var url in args)
{
    var paints = new List<double>();
    long bytes = 0;
    var requests = 0;
    for (var run = 0; run < Runs; run++)
    {
        // A new context each run: an empty cache, as a follower opening the page for the first time.
        await using var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            UserAgent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50 NetType/3G Language/zh_CN",
        });
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = LatencyMs,
            ["downloadThroughput"] = DownloadBytesPerSecond,
            ["uploadThroughput"] = UploadBytesPerSecond,
        });
        long runBytes = 0;
        var runRequests = 0;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            runBytes += (long)(e?.GetProperty("encodedDataLength").GetDouble() ?? 0);
            runRequests++;
        };
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        await page.WaitForTimeoutAsync(300); // late requests (deferred scripts) finish counting
        var fcp = await page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
        paints.Add(fcp);
        bytes = runBytes;
        requests = runRequests;
    }
    paints.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {new Uri(url).PathAndQuery} | {bytes / 1024.0:0.0} | {requests} | {paints[Runs / 2]:0} | {paints[0]:0}–{paints[^1]:0} |"));
}
return 0;
