namespace Portal.Core.Members;

/// <summary>Sends a verification code by SMS. Tencent Cloud SMS in production; the sandbox's phone in development.</summary>
public interface ISmsSender
{
    /// <summary>False when no SMS provider is configured: pages then say phone binding is unavailable.</summary>
    bool Available { get; }

    Task SendCodeAsync(string phone, string code, TimeSpan validFor, CancellationToken ct = default);
}

/// <summary>The provider refused or failed to send; the reason is the provider's own code.</summary>
public sealed class SmsException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;
}
