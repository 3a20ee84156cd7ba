using Microsoft.Extensions.Options;

namespace Portal.Sandbox;

/// <summary>The sandbox's addresses must be ones the platform and its forwarding can call.</summary>
public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        if (!options.Enabled)
            return ValidateOptionsResult.Skip;
        var failures = new List<string>();
        if (!IsHttp(options.SelfUrl))
            failures.Add("Sandbox:SelfUrl must be an absolute http(s) URL, e.g. http://localhost:5080/.");
        if (options.WebhookUrl is { } webhook && !IsHttp(webhook))
            failures.Add("Sandbox:WebhookUrl must be an absolute http(s) URL, e.g. http://127.0.0.1:8080/wx.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttp(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
