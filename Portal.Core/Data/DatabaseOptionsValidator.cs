using Microsoft.Extensions.Options;

namespace Portal.Core.Data;

/// <summary>Fails start-up with a message that names the setting to fix.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
            failures.Add("Database:Provider must be Sqlite or PostgreSql.");
        if (options.Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
            failures.Add("ConnectionStrings:Portal (env ConnectionStrings__Portal) is required when Database:Provider is PostgreSql.");
        if (string.IsNullOrWhiteSpace(options.DataFolder))
            failures.Add("Database:DataFolder must name a folder.");
        if (options.SqliteBusyTimeout <= TimeSpan.Zero)
            failures.Add("Database:SqliteBusyTimeout must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
