using System.Diagnostics;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Cluster;

/// <summary>
/// WeChat's delivery pattern, over real HTTP: each message signed as WeChat signs it (plaintext mode, so
/// replies compare byte for byte), each attempt given five seconds, and a message that timed out or got a
/// 5xx (or no connection) sent again to another instance, as a balancer would route it, at about 5 s and
/// 10 s after the first attempt: three attempts in all.
/// </summary>
public static class WeChatRetries
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);
    public const int Attempts = 3;

    /// <summary>Delivers <paramref name="xml"/>, attempt n going to <paramref name="route"/>[n % count].</summary>
    public static async Task<PushOutcome> DeliverAsync(string xml, IReadOnlyList<PortalProcess> route, int attempts = Attempts)
    {
        var clock = Stopwatch.StartNew();
        var made = new List<PushAttempt>();
        for (var n = 0; n < attempts; n++)
        {
            var due = RetryEvery * n;
            if (clock.Elapsed < due)
                await Task.Delay(due - clock.Elapsed);
            var attempt = await SendOnceAsync(xml, route[n % route.Count], clock.Elapsed);
            made.Add(attempt);
            if (attempt.Answered)
                break;
        }
        return new PushOutcome(xml, made);
    }

    /// <summary>One attempt with WeChat's five-second patience.</summary>
    public static async Task<PushAttempt> SendOnceAsync(string xml, PortalProcess instance, TimeSpan sentAfter = default)
    {
        // A client per attempt: a retry goes out on a new connection, and a killed instance leaves no pooled
        // connection behind to fail the next attempt for the wrong reason.
        using var http = new HttpClient { BaseAddress = instance.BaseUrl, Timeout = Window };
        var push = new WeChatPush(http, PortalAppFactory.Token, PortalAppFactory.AppId, PortalAppFactory.EncodingAesKey);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await push.PostAsync(xml);
            var body = await response.Content.ReadAsStringAsync();
            return new PushAttempt(instance.Name, sentAfter, clock.Elapsed, (int)response.StatusCode, body, null);
        }
        catch (TaskCanceledException)
        {
            return new PushAttempt(instance.Name, sentAfter, clock.Elapsed, null, null, $"no answer within {Window.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return new PushAttempt(instance.Name, sentAfter, clock.Elapsed, null, null, e.Message);
        }
    }
}
