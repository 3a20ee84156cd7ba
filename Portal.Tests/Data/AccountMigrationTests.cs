using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>
/// Migration 0040 on a database filled under the schema before it: every row lands in the default account, the
/// keys that became per account accept the same value for another account, and nothing else changes.
/// </summary>
public abstract class AccountMigrationTests(TestDatabase database)
{
    private const int AccountsMigration = 40;

    private static readonly string[] AccountTables =
    [
        "followers", "tags", "follower_tags", "follower_syncs", "auto_reply_rules", "menu_drafts", "menu_versions", "members",
        "points_ledger", "check_ins", "coupon_templates", "member_coupons", "site_categories", "site_articles", "site_pages",
        "site_banners", "site_nav_items", "site_profile", "site_media",
    ];

    [Fact]
    public async Task Rows_from_before_accounts_belong_to_the_default_account()
    {
        await using (var connection = await database.Factory.OpenAsync())
        {
            // Back to an empty database, then the schema as it was before accounts owned rows.
            await connection.ExecuteAsync(database.Provider == DatabaseProvider.PostgreSql
                ? "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
                : string.Join(";", (await connection.QueryAsync<string>("SELECT 'DROP TABLE ' || name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))));
            await connection.ExecuteAsync(database.Provider == DatabaseProvider.PostgreSql
                ? "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
                : "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            foreach (var migration in MigrationCatalog.For(database.Provider).Where(m => m.Version < AccountsMigration))
            {
                await connection.ExecuteAsync(migration.Sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                    new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow });
            }
            await SeedAsync(connection);
        }

        var applied = await new MigrationRunner(database.Factory, TimeProvider.System, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        Assert.Contains(AccountsMigration, applied);

        await using var after = await database.Factory.OpenAsync();
        foreach (var table in AccountTables)
        {
            Assert.True(await after.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}") > 0, $"{table} kept its rows");
            Assert.Equal(0, await after.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE account_id <> 1"));
        }
        // Settings: the membership rules are the default account's; the follower-index watermark is Portal-wide (0).
        Assert.Equal(1, await after.ExecuteScalarAsync<int>("SELECT account_id FROM settings WHERE key = 'membership.levels'"));
        Assert.Equal(0, await after.ExecuteScalarAsync<int>("SELECT account_id FROM settings WHERE key = 'message_log.follower_index_through'"));
        // The trail: a rule's change was on the default account, an operator's change on none.
        Assert.Equal(1, await after.ExecuteScalarAsync<int?>("SELECT account_id FROM audit_log WHERE entity_type = 'auto_reply_rule'"));
        Assert.Null(await after.ExecuteScalarAsync<int?>("SELECT account_id FROM audit_log WHERE entity_type = 'operator'"));
        // Old rows read as before.
        Assert.Equal("小明", await after.ExecuteScalarAsync<string>("SELECT remark FROM followers WHERE account_id = 1 AND openid = 'o-old'"));
        Assert.Equal(25, await after.ExecuteScalarAsync<long>("SELECT SUM(delta) FROM points_ledger WHERE account_id = 1"));
        Assert.Equal("Old shop", await after.ExecuteScalarAsync<string>("SELECT site_name FROM site_profile WHERE account_id = 1"));

        // What was unique Portal-wide is unique per account now: a second account may use the same OpenID, tag id,
        // draft slot, page slug, member, profile and image.
        var now = DateTimeOffset.UtcNow;
        await after.ExecuteAsync("INSERT INTO followers (account_id, openid, subscribed, listed_at, created_at, updated_at) VALUES (2, 'o-old', @Yes, @At, @At, @At)", new { Yes = true, At = now });
        await after.ExecuteAsync("INSERT INTO tags (account_id, id, name, follower_count, updated_at) VALUES (2, 100, 'VIP', 0, @At)", new { At = now });
        await after.ExecuteAsync("INSERT INTO menu_drafts (account_id, slot, menu_json, updated_by, updated_at) VALUES (2, 'default', '{}', 'test', @At)", new { At = now });
        await after.ExecuteAsync("INSERT INTO site_pages (account_id, slug, title, created_at, updated_at) VALUES (2, 'about', 'About', @At, @At)", new { At = now });
        await after.ExecuteAsync("INSERT INTO members (account_id, openid, created_at, updated_at, last_sign_in_at, phone) VALUES (2, 'o-old', @At, @At, @At, '+8613800138000')", new { At = now });
        await after.ExecuteAsync("INSERT INTO site_profile (account_id, site_name, updated_at) VALUES (2, 'New shop', @At)", new { At = now });
        await after.ExecuteAsync("INSERT INTO site_media (account_id, hash, extension, content_type, size_bytes, created_at) VALUES (2, 'abc', 'png', 'image/png', 3, @At)", new { At = now });
        // ...and still unique within one.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            after.ExecuteAsync("INSERT INTO site_pages (account_id, slug, title, created_at, updated_at) VALUES (1, 'about', 'Again', @At, @At)", new { At = now }));
        // A deleted page's id is still never given again.
        Assert.True(await after.ExecuteScalarAsync<long>("SELECT MAX(id) FROM site_pages") > 2);
    }

    private static async Task SeedAsync(System.Data.Common.DbConnection c)
    {
        var at = DateTimeOffset.UtcNow;
        var yes = true;
        await c.ExecuteAsync("""
            INSERT INTO settings (key, value, updated_at) VALUES ('membership.levels', '[]', @At);
            UPDATE settings SET value = '7' WHERE key = 'message_log.follower_index_through';
            INSERT INTO followers (openid, subscribed, remark, listed_at, created_at, updated_at) VALUES ('o-old', @Yes, '小明', @At, @At, @At);
            INSERT INTO tags (id, name, follower_count, updated_at) VALUES (100, 'VIP', 1, @At);
            INSERT INTO follower_tags (tag_id, openid, listed_at) VALUES (100, 'o-old', @At);
            INSERT INTO follower_syncs (status, started_by, started_at, updated_at) VALUES ('finished', 'owner', @At, @At);
            INSERT INTO auto_reply_rules (name, trigger, pattern, reply_json, created_at, updated_at) VALUES ('hi', 'exact', 'hi', '{"type":"text","content":"hello"}', @At, @At);
            INSERT INTO menu_drafts (slot, menu_json, updated_by, updated_at) VALUES ('default', '{}', 'owner', @At);
            INSERT INTO menu_versions (menu_json, source, created_by, created_at) VALUES ('{}', 'publish', 'owner', @At);
            INSERT INTO members (openid, created_at, updated_at, last_sign_in_at, member_code, phone, phone_last4) VALUES ('o-old', @At, @At, @At, '123456789012', '+8613800138000', '8000');
            INSERT INTO points_ledger (member_id, delta, reason, idempotency_key, created_at) VALUES (1, 25, 'welcome', 'k1', @At);
            INSERT INTO check_ins (member_id, day, streak, points, created_at) VALUES (1, '2026-12-01', 1, 5, @At);
            INSERT INTO coupon_templates (name, amount_off_cents, valid_days, created_at) VALUES ('10 off', 1000, 30, @At);
            INSERT INTO member_coupons (template_id, member_id, code, claimed_at, expires_at) VALUES (1, 1, '999999999999', @At, @At);
            INSERT INTO site_categories (name, created_at, updated_at) VALUES ('News', @At, @At);
            INSERT INTO site_articles (category_id, title, created_at, updated_at) VALUES (1, 'Hello', @At, @At);
            INSERT INTO site_pages (slug, title, created_at, updated_at) VALUES ('about', 'About', @At, @At);
            INSERT INTO site_pages (slug, title, created_at, updated_at) VALUES ('gone', 'Gone', @At, @At);
            DELETE FROM site_pages WHERE slug = 'gone';
            INSERT INTO site_banners (image_url, created_at, updated_at) VALUES ('/media/a.png', @At, @At);
            INSERT INTO site_nav_items (label, link, created_at, updated_at) VALUES ('Shop', '/site', @At, @At);
            INSERT INTO site_profile (id, site_name, updated_at) VALUES (1, 'Old shop', @At);
            INSERT INTO site_media (hash, extension, content_type, size_bytes, created_at) VALUES ('abc', 'png', 'image/png', 3, @At);
            INSERT INTO audit_log (operator_name, entity_type, entity_id, action, created_at) VALUES ('owner', 'auto_reply_rule', '1', 'create', @At);
            INSERT INTO audit_log (operator_name, entity_type, entity_id, action, created_at) VALUES ('owner', 'operator', '1', 'sign in', @At);
            """, new { At = at, Yes = yes });
    }
}

public sealed class SqliteAccountMigrationTests(SqliteTestDatabase database) : AccountMigrationTests(database), IClassFixture<SqliteTestDatabase>;

public sealed class PostgresAccountMigrationTests(PostgresTestDatabase database) : AccountMigrationTests(database), IClassFixture<PostgresTestDatabase>;
