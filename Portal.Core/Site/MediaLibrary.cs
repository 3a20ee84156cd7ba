using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Portal.Core.Operators;

namespace Portal.Core.Site;

/// <summary>
/// Uploaded images, stored content-addressed in the database: an image is named by the SHA-256 of its
/// bytes, so its URL never changes for the same bytes and can be cached for ever, and every instance
/// serves it (browsers and proxies keep it, so the database is asked once per visitor at most).
/// </summary>
public sealed partial class MediaLibrary(SiteStore store, AuditLog audit, TimeProvider time)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public const string EntityType = "site_media";

    /// <summary>Checks and stores an upload. The result names the stored file, or says in plain words why not.</summary>
    public async Task<MediaUpload> SaveAsync(AuditActor actor, int accountId, Stream content, string originalName, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        // Read one byte past the limit, never the whole of an oversized upload.
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
                return MediaUpload.Refused($"The image is larger than {MaxBytes / 1024 / 1024} MB. Make it smaller and upload it again.");
        }
        if (buffer.Length == 0)
            return MediaUpload.Refused("The file is empty.");
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (ImageFormat.Sniff(bytes.Span) is not { } format)
            return MediaUpload.Refused("This file is not a JPEG, PNG, GIF or WebP image, whatever its name says.");

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var file = new MediaFile
        {
            Hash = hash, Extension = format.Extension, ContentType = format.ContentType, SizeBytes = bytes.Length,
            OriginalName = Path.GetFileName(originalName), CreatedAt = time.GetUtcNow(),
        };
        if (await store.AddMediaAsync(accountId, file, bytes.ToArray(), ct).ConfigureAwait(false))
            await audit.RecordAsync(actor.On(accountId), EntityType, hash, "upload", null, file, ct).ConfigureAwait(false);
        return new MediaUpload(file, null);
    }

    /// <summary>The stored image for a <c>/media/</c> name, or null for a name that is not one of ours.</summary>
    public async Task<(byte[] Content, ImageFormat Format)?> FindAsync(string fileName, CancellationToken ct = default)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success || ImageFormat.FromExtension(match.Groups[2].Value) is not { } format)
            return null;
        return await store.MediaContentAsync(match.Groups[1].Value, match.Groups[2].Value, ct).ConfigureAwait(false) is { } content
            ? (content, format)
            : null;
    }

    [GeneratedRegex("^([0-9a-f]{64})\\.([a-z]{3,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
