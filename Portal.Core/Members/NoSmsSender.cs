namespace Portal.Core.Members;

/// <summary>No SMS provider configured: phone binding is offered nowhere.</summary>
public sealed class NoSmsSender : ISmsSender
{
    public bool Available => false;

    public Task SendCodeAsync(string phone, string code, TimeSpan validFor, CancellationToken ct = default) =>
        throw new InvalidOperationException("No SMS provider is configured (Sms:TencentCloud:SecretId).");
}
