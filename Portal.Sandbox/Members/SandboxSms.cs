using System.Collections.Concurrent;
using System.Net.Http.Json;
using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Members;

/// <summary>
/// The sandbox's SMS: codes Portal sends land here instead of on a real phone, and the sandbox phone page
/// shows them, so phone binding can be tried without an SMS account. Portal.Web hands it Portal's texts when
/// no SMS account is configured. The newest are kept in the data folder
/// through <see cref="SandboxState"/>, as a phone keeps its texts when Portal restarts.
/// </summary>
public sealed class SandboxSms
{
    private const int Kept = 50;

    private readonly TimeProvider _time;
    private readonly SandboxMemory? _state;
    private readonly SandboxPlatformRole? _role;
    private readonly IHttpClientFactory? _http;
    private readonly ConcurrentQueue<SandboxTextMessage> _sent = new();

    public SandboxSms(TimeProvider time, SandboxMemory? state = null, SandboxPlatformRole? role = null, IHttpClientFactory? http = null)
    {
        _time = time;
        _state = state;
        _role = role;
        _http = http;
        foreach (var text in state?.Keep("texts", () => _sent.TakeLast(Kept).ToList()) ?? [])
            _sent.Enqueue(text);
    }

    public Task SendCodeAsync(string phone, string code, TimeSpan validFor, CancellationToken ct = default)
    {
        // The phone page shows the platform's texts: an instance that does not play it sends them there.
        if (_role is { PlaysPlatform: false } && _http is not null)
            return SendToPlatformAsync(_role.PlatformUrl, phone, code, validFor, ct);
        _sent.Enqueue(new SandboxTextMessage(phone, $"【Portal Sandbox】验证码 {code}，{(int)validFor.TotalMinutes} 分钟内有效。Your code is {code}.", code, _time.GetUtcNow()));
        _state?.Changed();
        return Task.CompletedTask;
    }

    private async Task SendToPlatformAsync(Uri platform, string phone, string code, TimeSpan validFor, CancellationToken ct)
    {
        try
        {
            using var answer = await _http!.CreateClient(SandboxForwarding.ClientName).PostAsJsonAsync(
                new Uri(platform, SandboxSmsEndpoints.Path.TrimStart('/')),
                new SandboxSmsEndpoints.TextRequest(phone, code, (int)validFor.TotalSeconds), ct).ConfigureAwait(false);
            if (!answer.IsSuccessStatusCode)
                throw new SandboxSmsException("sandbox.refused", $"the sandbox platform at {platform} answered HTTP {(int)answer.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            throw new SandboxSmsException("sandbox.unreachable", $"the sandbox platform at {platform} does not answer: {e.Message}");
        }
    }

    /// <summary>Texts sent, newest first.</summary>
    public IReadOnlyList<SandboxTextMessage> Recent(int count = 10) => _sent.Reverse().Take(count).ToList();
}

/// <summary>The sandbox's phone could not be reached: <see cref="Code"/> says why, for the sender's log and page.</summary>
public sealed class SandboxSmsException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>One text message the sandbox received for a phone number.</summary>
public sealed record SandboxTextMessage(string Phone, string Text, string Code, DateTimeOffset At);
