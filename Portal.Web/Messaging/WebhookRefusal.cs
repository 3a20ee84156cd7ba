namespace Portal.Web.Messaging;

/// <summary>Why the webhook refused a request; each maps to one status code and one log line, never to text sent back.</summary>
internal enum WebhookRefusal
{
    MissingSignature,
    BadSignature,
    StaleTimestamp,
    MissingMessageSignature,
    BadMessageSignature,
    NotDecryptable,

    /// <summary>Decrypted, but sealed for another AppId than the URL's account.</summary>
    OtherAccount,
    EncryptionNotConfigured,
    Malformed,
    TooLarge,
}

internal static class WebhookRefusals
{
    public static int StatusCode(this WebhookRefusal refusal) => refusal switch
    {
        WebhookRefusal.MissingSignature or WebhookRefusal.MissingMessageSignature => StatusCodes.Status401Unauthorized,
        WebhookRefusal.BadSignature or WebhookRefusal.BadMessageSignature or WebhookRefusal.OtherAccount or WebhookRefusal.StaleTimestamp => StatusCodes.Status403Forbidden,
        WebhookRefusal.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };
}
