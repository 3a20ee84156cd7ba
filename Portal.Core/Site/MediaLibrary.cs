using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Data;

namespace Portal.Core.Site;

/// <summary>
/// Uploaded images, stored content-addressed in the data folder's <c>uploads</c>: the file is named by the
/// SHA-256 of its bytes, so its URL never changes for the same bytes and can be cached for ever.
/// </summary>
public sealed partial class MediaLibrary(SiteStore store, AuditLog audit, IOptions<DatabaseOptions> options, TimeProvider time)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public const string EntityType = "site_media";

    private string Folder => Path.Combine(options.Value.DataFolder, "uploads");

    /// <summary>Checks and stores an upload. The result names the stored file, or says in plain words why not.</summary>
    public async Task<MediaUpload> SaveAsync(AuditActor actor, Stream content, string originalName, CancellationToken ct = default)
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
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, file.FileName);
        if (!File.Exists(path))
        {
            // Written aside and moved into place, so a half-written file is never served under the final name.
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temporary, bytes, ct).ConfigureAwait(false);
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);   // the same bytes arrived at the same time: one copy is enough
            }
        }
        if (await store.AddMediaAsync(file, ct).ConfigureAwait(false))
            await audit.RecordAsync(actor, EntityType, hash, "upload", null, file, ct).ConfigureAwait(false);
        return new MediaUpload(file, null);
    }

    /// <summary>The stored file for a <c>/media/</c> name, or null for a name that is not one of ours.</summary>
    public (string Path, ImageFormat Format)? Find(string fileName)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success || ImageFormat.FromExtension(match.Groups[2].Value) is not { } format)
            return null;
        var path = Path.Combine(Folder, fileName);
        return File.Exists(path) ? (path, format) : null;
    }

    [GeneratedRegex("^([0-9a-f]{64})\\.([a-z]{3,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
