namespace Portal.Core.Accounts;

/// <summary>
/// One Official Account Portal serves, as a value: what the platform calls, the webhook and the member pages
/// need to act for it. Passed to whatever works for an account, never looked up from ambient state, so a
/// token, a signature or a row is always for the account in hand. <see cref="Id"/> is Portal's own stable
/// number for it (the <c>account_id</c> of rows), kept in <c>wechat_accounts</c>; the default account is 1.
/// </summary>
public sealed record WeChatAccount
{
    /// <summary>The id of the default account (the one configured under <c>WeChat:*</c>); existing data belongs to it.</summary>
    public const int DefaultId = 1;

    public required int Id { get; init; }

    /// <summary><c>wx</c> followed by 16 hexadecimal characters; also the last segment of the account's webhook URL.</summary>
    public required string AppId { get; init; }

    /// <summary>What operators call it; the AppId when none is configured.</summary>
    public required string Name { get; init; }

    /// <summary>Secret. Empty when the account only receives messages (the platform API needs it).</summary>
    public string AppSecret { get; init; } = "";

    /// <summary>Secret. The server-configuration Token that signs the account's pushes.</summary>
    public required string Token { get; init; }

    /// <summary>Secret. 43 base64 characters, or empty when the account runs in plaintext mode.</summary>
    public string EncodingAESKey { get; init; } = "";

    /// <summary>The first account, configured under <c>WeChat:*</c>: it also answers the URLs of a single-account Portal.</summary>
    public bool IsDefault => Id == DefaultId;

    /// <summary>A value that names the account and never shows its secrets (records print every property otherwise).</summary>
    public override string ToString() => $"WeChat account {Id} {AppId} ({Name})";
}
