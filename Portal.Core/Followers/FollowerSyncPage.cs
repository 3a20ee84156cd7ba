using System.Text.Json;

namespace Portal.Core.Followers;

/// <summary>
/// The outbox payload of one page of a sync: which run, which page, and the platform's cursor where it
/// starts. Each page queues the next one, so a stopped instance's run resumes at its last page.
/// </summary>
public sealed record FollowerSyncPage(long RunId, int Page, string? NextOpenId)
{
    public const string OutboxKind = "follower_sync";

    public string IdempotencyKey => KeyFor(RunId, Page);

    public static string KeyFor(long runId, int page) => $"follower-sync:{runId}:{page}";

    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static FollowerSyncPage FromJson(string json) =>
        JsonSerializer.Deserialize<FollowerSyncPage>(json, JsonSerializerOptions.Web) ?? throw new FormatException("Empty follower-sync payload.");
}
