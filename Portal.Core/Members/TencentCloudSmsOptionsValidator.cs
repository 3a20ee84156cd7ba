using Microsoft.Extensions.Options;

namespace Portal.Core.Members;

/// <summary>Checked at start: once a secret id is set, the rest of what a text message needs is set too.</summary>
public sealed class TencentCloudSmsOptionsValidator : IValidateOptions<TencentCloudSmsOptions>
{
    public ValidateOptionsResult Validate(string? name, TencentCloudSmsOptions options)
    {
        if (!options.Configured)
            return ValidateOptionsResult.Success;
        var section = TencentCloudSmsOptions.SectionName;
        var missing = new (string Name, string Value)[]
            {
                ("SecretKey", options.SecretKey), ("SdkAppId", options.SdkAppId), ("SignName", options.SignName),
                ("TemplateId", options.TemplateId), ("Region", options.Region),
            }
            .Where(s => s.Value.Length == 0)
            .Select(s => $"{section}:{s.Name} must be set when {section}:SecretId is.")
            .ToList();
        if (!options.Endpoint.IsAbsoluteUri || options.Endpoint.Scheme != Uri.UriSchemeHttps)
            missing.Add($"{section}:Endpoint must be an absolute https URL.");
        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
