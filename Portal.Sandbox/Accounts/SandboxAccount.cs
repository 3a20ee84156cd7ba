using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Sandbox.Accounts;

/// <summary>
/// One Official Account the sandbox plays: the credentials the platform checks calls and signs pushes with,
/// and the name its pages show.
/// </summary>
public sealed record SandboxAccount(string AppId, string AppSecret, string Token, string EncodingAESKey)
{
    private const string FileName = "sandbox-account.json";

    /// <summary>Shown where WeChat shows the account's name (the phone page, the OAuth consent page).</summary>
    [JsonIgnore]
    public string Name { get; init; } = "";

    /// <summary>
    /// The sandbox's own first account. So that a newcomer needs no WeChat account and no committed secret,
    /// its credentials are made at random on first start and kept in the data folder.
    /// </summary>
    public static SandboxAccount LoadOrCreate(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        if (File.Exists(path))
        {
            var existing = JsonSerializer.Deserialize<SandboxAccount>(File.ReadAllText(path));
            if (existing is not null)
                return existing;
        }
        Directory.CreateDirectory(dataFolder);
        var created = Create();
        File.WriteAllText(path, JsonSerializer.Serialize(created));
        return created;
    }

    public static SandboxAccount Create() => new(
        AppId: "wx" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
        AppSecret: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        Token: RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24),
        EncodingAESKey: Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('='));

    /// <summary>The account's original ID (<c>gh_…</c>), which the platform puts in a push's ToUserName.</summary>
    [JsonIgnore]
    public string OriginalId => "gh_" + (AppId is { Length: >= 14 } id ? id[2..14] : "sandbox");
}
