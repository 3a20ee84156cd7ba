using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Tests.WeChat;

/// <summary>
/// The shared protocol vectors (shared/fixtures/wechat-vectors.json), found by walking up from the test binaries to
/// the folder that holds both the repository and <c>shared/</c>. A copy in the output's Fixtures/ folder (which the
/// test project copies there) is used when the shared folder is absent, as in a lone clone.
/// </summary>
internal static class Vectors
{
    private const string RelativePath = "shared/fixtures/wechat-vectors.json";
    private const string FallbackPath = "Fixtures/wechat-vectors.json";

    private static readonly Lazy<VectorFile> Loaded = new(Load);

    public static IReadOnlyList<DecryptVector> Decrypt => Loaded.Value.DecryptVectors;

    public static IReadOnlyList<EncryptVector> Encrypt => Loaded.Value.EncryptVectors;

    public static IReadOnlyList<UrlSignatureVector> UrlSignatures => Loaded.Value.UrlSignatureVectors;

    public static IReadOnlyList<JsSdkVector> JsSdk => Loaded.Value.JssdkSignatureVectors;

    public static DecryptVector DecryptById(string id) => Decrypt.Single(v => v.Id == id);

    public static EncryptVector EncryptById(string id) => Encrypt.Single(v => v.Id == id);

    private static VectorFile Load()
    {
        var path = Find();
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        return JsonSerializer.Deserialize<VectorFile>(File.ReadAllText(path), options)
            ?? throw new InvalidOperationException($"{path} is empty.");
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var fallback = Path.Combine(AppContext.BaseDirectory, FallbackPath);
        if (File.Exists(fallback))
        {
            return fallback;
        }

        throw new FileNotFoundException(
            $"The WeChat test vectors were not found: no folder above {AppContext.BaseDirectory} contains " +
            $"{RelativePath}, and there is no {FallbackPath} beside the tests. Check out the shared folder beside " +
            "the repository.");
    }
}

internal sealed record VectorFile(
    IReadOnlyList<DecryptVector> DecryptVectors,
    IReadOnlyList<EncryptVector> EncryptVectors,
    IReadOnlyList<UrlSignatureVector> UrlSignatureVectors,
    IReadOnlyList<JsSdkVector> JssdkSignatureVectors);

internal sealed record DecryptVector(
    string Id,
    string Token,
    [property: JsonPropertyName("encodingAesKey")] string EncodingAesKey,
    [property: JsonPropertyName("appId")] string AppId,
    string Timestamp,
    string Nonce,
    string? Signature,
    string? MsgSignature,
    string? MsgSignatureDerived,
    string Encrypt,
    string DecryptedXml);

internal sealed record EncryptVector(
    string Id,
    [property: JsonPropertyName("encodingAesKey")] string EncodingAesKey,
    [property: JsonPropertyName("appId")] string AppId,
    string Token,
    string Timestamp,
    string Nonce,
    string Random16,
    string Plaintext,
    string Encrypt,
    string MsgSignatureDerived);

internal sealed record UrlSignatureVector(string Token, string Timestamp, string Nonce, string Signature, string? Echostr = null);

internal sealed record JsSdkVector(string JsapiTicket, string Noncestr, string Timestamp, string Url, string Signature);
