namespace Portal.Core.Outbox;

/// <summary>The life of an outbox row.</summary>
public static class OutboxStatus
{
    /// <summary>A late reply whose handler is still running; the row holds the message so it can be re-run after a crash.</summary>
    public const string AwaitingHandler = "awaiting_handler";

    /// <summary>Ready for a delivery worker.</summary>
    public const string Ready = "ready";
    public const string Sending = "sending";
    public const string Sent = "sent";

    /// <summary>Given up, with <see cref="OutboxItem.LastError"/> saying why.</summary>
    public const string Failed = "failed";
}
