using Microsoft.Extensions.Options;

namespace Portal.Core.Coordination;

public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        var failures = new List<string>();
        // Under 50 ms a busy but healthy server would look dead; past 4 s a push would outlive WeChat's 5 seconds.
        if (options.OperationTimeout < TimeSpan.FromMilliseconds(50) || options.OperationTimeout > TimeSpan.FromSeconds(4))
            failures.Add("Redis:OperationTimeout must be between 00:00:00.05 and 00:00:04.");
        if (options.ConnectTimeout < TimeSpan.FromMilliseconds(100) || options.ConnectTimeout > TimeSpan.FromSeconds(30))
            failures.Add("Redis:ConnectTimeout must be between 00:00:00.1 and 00:00:30.");
        if (options.CircuitBreakAfter is < 1 or > 100)
            failures.Add("Redis:CircuitBreakAfter must be between 1 and 100.");
        if (options.CircuitPause < TimeSpan.FromMilliseconds(100) || options.CircuitPause > TimeSpan.FromMinutes(1))
            failures.Add("Redis:CircuitPause must be between 00:00:00.1 and 00:01:00.");
        if (string.IsNullOrEmpty(options.KeyPrefix))
            failures.Add("Redis:KeyPrefix must not be empty: several deployments may share one Redis.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
