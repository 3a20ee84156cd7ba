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
        if (!IsAppId(options.AppId))
            failures.Add("WeChat:AppId (env WeChat__AppId) must be 'wx' followed by 16 hexadecimal characters.");
        // AppSecret is not checked here: the webhook runs without it; the platform client refuses to call the API without it.
        if (!IsToken(options.Token))
            failures.Add("WeChat:Token (env WeChat__Token) must be 3 to 32 letters or digits, as the WeChat console requires.");
        if (options.EncodingAESKey.Length > 0 && !IsEncodingAesKey(options.EncodingAESKey))
            failures.Add($"WeChat:EncodingAESKey (env WeChat__EncodingAESKey) must be 43 base64 characters; the value given has {options.EncodingAESKey.Length}.");
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
