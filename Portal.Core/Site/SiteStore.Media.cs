using Dapper;

namespace Portal.Core.Site;

public sealed partial class SiteStore
{
    // The same bytes uploaded twice are one file and one row: the first upload's name and time stay.
    private const string InsertMediaSql = """
        INSERT INTO site_media (account_id, hash, extension, content_type, size_bytes, original_name, created_at, content)
        VALUES (@AccountId, @Hash, @Extension, @ContentType, @SizeBytes, @OriginalName, @CreatedAt, @Content)
        ON CONFLICT (account_id, hash) DO NOTHING
        """;

    public Task<bool> AddMediaAsync(int accountId, MediaFile file, byte[] content, CancellationToken ct = default) =>
        WithConnectionAsync(null, async c =>
            await c.ExecuteAsync(new CommandDefinition(InsertMediaSql, new
            {
                AccountId = accountId,
                file.Hash, file.Extension, file.ContentType, file.SizeBytes, file.OriginalName, file.CreatedAt, Content = content,
            }, cancellationToken: ct)).ConfigureAwait(false) == 1, ct);

    // Any account's copy will do: the name is the hash of the bytes, so every copy by that name is the same image.
    private const string MediaContentSql = "SELECT content FROM site_media WHERE hash = @Hash AND extension = @Extension LIMIT 1";

    /// <summary>The bytes of an uploaded image, or null when there is none by that name.</summary>
    public Task<byte[]?> MediaContentAsync(string hash, string extension, CancellationToken ct = default) =>
        WithConnectionAsync(null, async c =>
            await c.ExecuteScalarAsync<byte[]?>(new CommandDefinition(MediaContentSql, new { Hash = hash, Extension = extension }, cancellationToken: ct)).ConfigureAwait(false), ct);

    private const string RecentMediaSql = """
        SELECT hash, extension, content_type, size_bytes, original_name, created_at
        FROM site_media WHERE account_id = @AccountId ORDER BY created_at DESC, hash LIMIT @Limit
        """;

    public Task<IReadOnlyList<MediaFile>> ListMediaAsync(int accountId, int limit = 200, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<MediaFile>>(null, async c =>
            (await c.QueryAsync<MediaFile>(new CommandDefinition(RecentMediaSql, new { AccountId = accountId, Limit = limit }, cancellationToken: ct)).ConfigureAwait(false)).ToList(), ct);
}
