using Microsoft.Extensions.Options;

namespace Portal.Core.Outbox;

public sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxOptions options) =>
        // Below a second every pass would retry every failing row; above an hour a platform that came back
        // would wait too long for rows whose 48-hour window is running out.
        options.MaxRetryDelay < TimeSpan.FromSeconds(1) || options.MaxRetryDelay > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail("Outbox:MaxRetryDelay must be between 00:00:01 and 01:00:00.")
            : ValidateOptionsResult.Success;
}
