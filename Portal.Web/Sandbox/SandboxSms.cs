using System.Collections.Concurrent;
using Portal.Core.Sms;

namespace Portal.Web.Sandbox;

/// <summary>
/// The sandbox's SMS: codes Portal sends land here instead of on a real phone, and the sandbox phone page
/// shows them, so phone binding can be tried without an SMS account.
/// </summary>
public sealed class SandboxSms(TimeProvider time) : ISmsSender
{
    private readonly ConcurrentQueue<SandboxTextMessage> _sent = new();

    public bool Available => true;

    public Task SendCodeAsync(string phone, string code, TimeSpan validFor, CancellationToken ct = default)
    {
        _sent.Enqueue(new SandboxTextMessage(phone, $"【Portal Sandbox】验证码 {code}，{(int)validFor.TotalMinutes} 分钟内有效。Your code is {code}.", code, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    /// <summary>Texts sent, newest first.</summary>
    public IReadOnlyList<SandboxTextMessage> Recent(int count = 10) => _sent.Reverse().Take(count).ToList();
}

/// <summary>One text message the sandbox received for a phone number.</summary>
public sealed record SandboxTextMessage(string Phone, string Text, string Code, DateTimeOffset At);
