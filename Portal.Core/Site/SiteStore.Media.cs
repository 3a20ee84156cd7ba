using Dapper;

namespace Portal.Core.Site;

public sealed partial class SiteStore
{
    // The same bytes uploaded twice are one file and one row: the first upload's name and time stay.
    private const string InsertMediaSql = """
        INSERT INTO site_media (hash, extension, content_type, size_bytes, original_name, created_at, content)
        VALUES (@Hash, @Extension, @ContentType, @SizeBytes, @OriginalName, @CreatedAt, @Content)
        ON CONFLICT (hash) DO NOTHING
        """;

    public Task<bool> AddMediaAsync(MediaFile file, byte[] content, CancellationToken ct = default) =>
        WithConnectionAsync(null, async c =>
            await c.ExecuteAsync(new CommandDefinition(InsertMediaSql, new
            {
                file.Hash, file.Extension, file.ContentType, file.SizeBytes, file.OriginalName, file.CreatedAt, Content = content,
            }, cancellationToken: ct)).ConfigureAwait(false) == 1, ct);

    private const string MediaContentSql = "SELECT content FROM site_media WHERE hash = @Hash AND extension = @Extension";

    /// <summary>The bytes of an uploaded image, or null when there is none by that name.</summary>
    public Task<byte[]?> MediaContentAsync(string hash, string extension, CancellationToken ct = default) =>
        WithConnectionAsync(null, async c =>
            await c.ExecuteScalarAsync<byte[]?>(new CommandDefinition(MediaContentSql, new { Hash = hash, Extension = extension }, cancellationToken: ct)).ConfigureAwait(false), ct);

    private const string RecentMediaSql = """
        SELECT hash, extension, content_type, size_bytes, original_name, created_at
        FROM site_media ORDER BY created_at DESC, hash LIMIT @Limit
        """;

    public Task<IReadOnlyList<MediaFile>> ListMediaAsync(int limit = 200, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<MediaFile>>(null, async c =>
            (await c.QueryAsync<MediaFile>(new CommandDefinition(RecentMediaSql, new { Limit = limit }, cancellationToken: ct)).ConfigureAwait(false)).ToList(), ct);
}
