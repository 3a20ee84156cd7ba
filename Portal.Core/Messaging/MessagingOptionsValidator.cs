using Microsoft.Extensions.Options;

namespace Portal.Core.Messaging;

public sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.Path) || options.Path[0] != '/')
            failures.Add("Messaging:Path must start with '/'.");
        if (options.MaxBodyBytes is < 1024 or > 10 * 1024 * 1024)
            failures.Add("Messaging:MaxBodyBytes must be between 1024 and 10485760.");
        if (options.HandlerDeadline <= TimeSpan.Zero || options.HandlerDeadline >= TimeSpan.FromSeconds(5))
            failures.Add("Messaging:HandlerDeadline must be positive and under WeChat's 5 seconds.");
        if (options.TimestampTolerance <= TimeSpan.Zero)
            failures.Add("Messaging:TimestampTolerance must be positive.");
        if (options.ReplyRetention < TimeSpan.FromSeconds(30))
            failures.Add("Messaging:ReplyRetention must be at least 30 seconds: WeChat retries for about 15.");
        if (options.RulesRefreshInterval <= TimeSpan.Zero)
            failures.Add("Messaging:RulesRefreshInterval must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
