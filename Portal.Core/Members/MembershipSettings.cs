using System.Text.Json;
using Portal.Core.Settings;

namespace Portal.Core.Members;

/// <summary>
/// The rules operators set for membership (levels, check-in points), kept in the settings table as JSON
/// so every instance reads the same, one set per account; the defaults apply until an operator saves their own.
/// </summary>
public sealed class MembershipSettings(SettingsStore settings)
{
    private const string LevelsKey = "membership.levels";
    private const string CheckInKey = "membership.check-in";

    public async Task<MemberLevels> LevelsAsync(int accountId, CancellationToken ct = default) =>
        await settings.GetAsync(accountId, LevelsKey, ct).ConfigureAwait(false) is { } json
            ? new MemberLevels(JsonSerializer.Deserialize<List<MemberLevel>>(json) ?? [.. MemberLevels.Default.Levels])
            : MemberLevels.Default;

    public Task SaveLevelsAsync(int accountId, MemberLevels levels, CancellationToken ct = default) =>
        settings.SetAsync(accountId, LevelsKey, JsonSerializer.Serialize(levels.Levels), ct);

    public async Task<CheckInRules> CheckInRulesAsync(int accountId, CancellationToken ct = default) =>
        await settings.GetAsync(accountId, CheckInKey, ct).ConfigureAwait(false) is { } json
            ? JsonSerializer.Deserialize<CheckInRules>(json) ?? CheckInRules.Default
            : CheckInRules.Default;

    public Task SaveCheckInRulesAsync(int accountId, CheckInRules rules, CancellationToken ct = default) =>
        settings.SetAsync(accountId, CheckInKey, JsonSerializer.Serialize(rules), ct);
}
