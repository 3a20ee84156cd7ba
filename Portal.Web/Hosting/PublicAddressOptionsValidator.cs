using System.Net;
using Microsoft.Extensions.Options;

namespace Portal.Web.Hosting;

/// <summary>Fails start-up with a message naming the setting, so a wrong address never reaches WeChat.</summary>
public sealed class PublicAddressOptionsValidator : IValidateOptions<PublicAddressOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicAddressOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            failures.Add("Portal:PublicBaseUrl (env Portal__PublicBaseUrl) is required in Production: the address people reach Portal at, e.g. https://portal.example.com/.");
        else if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
            failures.Add("Portal:PublicBaseUrl must be an absolute http or https URL without a query, e.g. https://portal.example.com/.");
        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            failures.Add($"Portal:KnownProxies holds '{proxy}', which is not an IP address.");
        foreach (var network in options.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
            failures.Add($"Portal:KnownNetworks holds '{network}', which is not a network in CIDR form (10.0.0.0/8).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
