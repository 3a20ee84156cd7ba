using Microsoft.Extensions.Options;

namespace Portal.Core.Platform;

/// <summary>
/// Checks the account settings at start-up. Each message names the setting and its environment
/// variable, and never repeats a secret's value.
/// </summary>
public sealed class WeChatOptionsValidator : IValidateOptions<WeChatOptions>
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public ValidateOptionsResult Validate(string? name, WeChatOptions options)
    {
        var failures = new List<string>();
        CheckAccount("WeChat", options.AppId, options.Token, options.EncodingAESKey, failures);
        var appIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { options.AppId };
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            var account = options.Accounts[i];
            var prefix = $"WeChat:Accounts:{i}";
            CheckAccount(prefix, account.AppId, account.Token, account.EncodingAESKey, failures);
            // The AppId is the account's webhook path and its key in the account table: two entries for one would be one account.
            if (IsAppId(account.AppId) && !appIds.Add(account.AppId))
                failures.Add($"{prefix}:AppId (env {Env(prefix)}__AppId) repeats {account.AppId}, which another account already has; each account is configured once.");
        }
        foreach (var (setting, url) in new[] { ("ApiBaseUrl", options.ApiBaseUrl), ("OpenBaseUrl", options.OpenBaseUrl), ("MpBaseUrl", options.MpBaseUrl), ("PayBaseUrl", options.PayBaseUrl) })
        {
            if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                failures.Add($"WeChat:{setting} must be an absolute http(s) URL.");
        }
        if (options.ApiRetries is < 0 or > 10)
            failures.Add("WeChat:ApiRetries must be between 0 and 10.");
        if (options.ApiRetryDelay <= TimeSpan.Zero || options.ApiAttemptTimeout <= TimeSpan.Zero || options.ApiTotalTimeout < options.ApiAttemptTimeout)
            failures.Add("WeChat:ApiRetryDelay and WeChat:ApiAttemptTimeout must be positive, and WeChat:ApiTotalTimeout at least WeChat:ApiAttemptTimeout.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Checks one account's AppId, Token and key, naming each setting as configured (<c>WeChat:Accounts:0:Token</c>).</summary>
    private static void CheckAccount(string prefix, string appId, string token, string encodingAesKey, List<string> failures)
    {
        if (!IsAppId(appId))
            failures.Add($"{prefix}:AppId (env {Env(prefix)}__AppId) must be 'wx' followed by 16 hexadecimal characters.");
        // AppSecret is not checked here: the webhook runs without it; the platform client refuses to call the API without it.
        if (!IsToken(token))
            failures.Add($"{prefix}:Token (env {Env(prefix)}__Token) must be 3 to 32 letters or digits, as the WeChat console requires.");
        if (encodingAesKey.Length > 0 && !IsEncodingAesKey(encodingAesKey))
            failures.Add($"{prefix}:EncodingAESKey (env {Env(prefix)}__EncodingAESKey) must be 43 base64 characters; the value given has {encodingAesKey.Length}.");
    }

    private static string Env(string prefix) => prefix.Replace(":", "__", StringComparison.Ordinal);

    internal static bool IsAppId(string value) =>
        value.Length == 18 && value.StartsWith("wx", StringComparison.Ordinal) && value.AsSpan(2).ContainsAnyExcept(HexDigits) is false;

    internal static bool IsToken(string value) =>
        value.Length is >= 3 and <= 32 && value.All(char.IsAsciiLetterOrDigit);

    internal static bool IsEncodingAesKey(string value)
    {
        if (value.Length != 43)
            return false;
        Span<byte> key = stackalloc byte[33];
        return Convert.TryFromBase64String(value + "=", key, out var written) && written == 32;
    }
}
