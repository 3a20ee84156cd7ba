using System.Security.Cryptography;
using System.Text.Json;
using Portal.Core.Platform;

namespace Portal.Web.Sandbox;

/// <summary>
/// The sandbox's own Official Account. So that a newcomer needs no WeChat account and no committed
/// secret, its credentials are made at random on first start and kept in the data folder; settings given
/// in configuration win over them.
/// </summary>
public sealed record SandboxAccount(string AppId, string AppSecret, string Token, string EncodingAESKey)
{
    private const string FileName = "sandbox-account.json";

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

    /// <summary>Fills in whatever the configuration left empty.</summary>
    public void ApplyTo(WeChatOptions options)
    {
        if (options.AppId.Length == 0)
            options.AppId = AppId;
        if (options.AppSecret.Length == 0)
            options.AppSecret = AppSecret;
        if (options.Token.Length == 0)
            options.Token = Token;
        if (options.EncodingAESKey.Length == 0)
            options.EncodingAESKey = EncodingAESKey;
    }
}
