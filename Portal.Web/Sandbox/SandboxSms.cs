using System.Collections.Concurrent;
using Portal.Core.Sms;

namespace Portal.Web.Sandbox;

/// <summary>
/// The sandbox's SMS: codes Portal sends land here instead of on a real phone, and the sandbox phone page
/// shows them, so phone binding can be tried without an SMS account. The newest are kept in the data folder
/// through <see cref="SandboxState"/>, as a phone keeps its texts when Portal restarts.
/// </summary>
public sealed class SandboxSms : ISmsSender
{
    private const int Kept = 50;

    private readonly TimeProvider _time;
    private readonly SandboxState? _state;
    private readonly ConcurrentQueue<SandboxTextMessage> _sent = new();

    public SandboxSms(TimeProvider time, SandboxState? state = null)
    {
        _time = time;
        _state = state;
        foreach (var text in state?.Keep("texts", () => _sent.TakeLast(Kept).ToList()) ?? [])
            _sent.Enqueue(text);
    }

    public bool Available => true;

    public Task SendCodeAsync(string phone, string code, TimeSpan validFor, CancellationToken ct = default)
    {
        _sent.Enqueue(new SandboxTextMessage(phone, $"【Portal Sandbox】验证码 {code}，{(int)validFor.TotalMinutes} 分钟内有效。Your code is {code}.", code, _time.GetUtcNow()));
        _state?.Changed();
        return Task.CompletedTask;
    }

    /// <summary>Texts sent, newest first.</summary>
    public IReadOnlyList<SandboxTextMessage> Recent(int count = 10) => _sent.Reverse().Take(count).ToList();
}

/// <summary>One text message the sandbox received for a phone number.</summary>
public sealed record SandboxTextMessage(string Phone, string Text, string Code, DateTimeOffset At);
