using System.Data.Common;
using Dapper;

namespace Portal.Core.Site;

public sealed partial class SiteStore
{
    private const string ProfileSql = """
        SELECT site_name, intro, address, phone, opening_hours, map_link, share_title, share_description, share_image
        FROM site_profile WHERE account_id = @AccountId
        """;

    /// <summary>The site's profile, or <see cref="SiteProfile.Empty"/> before anyone saved one.</summary>
    public Task<SiteProfile> GetProfileAsync(int accountId, DbTransaction? tx = null, CancellationToken ct = default) =>
        WithConnectionAsync(tx, async c =>
            (await c.QuerySingleOrDefaultAsync<ProfileRow>(new CommandDefinition(ProfileSql, new { AccountId = accountId }, tx, cancellationToken: ct)).ConfigureAwait(false))?.ToProfile()
            ?? SiteProfile.Empty, ct);

    private const string SaveProfileSql = """
        INSERT INTO site_profile (account_id, site_name, intro, address, phone, opening_hours, map_link, share_title, share_description, share_image, updated_at)
        VALUES (@AccountId, @SiteName, @Intro, @Address, @Phone, @OpeningHours, @MapLink, @ShareTitle, @ShareDescription, @ShareImage, @At)
        ON CONFLICT (account_id) DO UPDATE SET site_name = excluded.site_name, intro = excluded.intro, address = excluded.address,
            phone = excluded.phone, opening_hours = excluded.opening_hours, map_link = excluded.map_link,
            share_title = excluded.share_title, share_description = excluded.share_description,
            share_image = excluded.share_image, updated_at = excluded.updated_at
        """;

    public async Task SaveProfileAsync(DbTransaction tx, int accountId, SiteProfile p, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(SaveProfileSql, new
        {
            AccountId = accountId,
            p.SiteName, p.Intro, p.Address, p.Phone, p.OpeningHours, p.MapLink,
            ShareTitle = p.Share.Title, ShareDescription = p.Share.Description, ShareImage = p.Share.Image, At = time.GetUtcNow(),
        }, tx, cancellationToken: ct)).ConfigureAwait(false);

    private sealed record ProfileRow
    {
        public string SiteName { get; init; } = "";
        public string Intro { get; init; } = "";
        public string Address { get; init; } = "";
        public string Phone { get; init; } = "";
        public string OpeningHours { get; init; } = "";
        public string MapLink { get; init; } = "";
        public string ShareTitle { get; init; } = "";
        public string ShareDescription { get; init; } = "";
        public string? ShareImage { get; init; }

        public SiteProfile ToProfile() => new()
        {
            SiteName = SiteName, Intro = Intro, Address = Address, Phone = Phone, OpeningHours = OpeningHours, MapLink = MapLink,
            Share = new ShareFields(ShareTitle, ShareDescription, ShareImage),
        };
    }
}
