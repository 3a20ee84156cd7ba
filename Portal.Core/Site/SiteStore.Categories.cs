using System.Data.Common;
using Dapper;

namespace Portal.Core.Site;

public sealed partial class SiteStore
{
    private const string CategoriesSql = "SELECT id, name, sort_order FROM site_categories WHERE account_id = @AccountId ORDER BY sort_order, id";

    public Task<IReadOnlyList<Category>> ListCategoriesAsync(int accountId, DbTransaction? tx = null, CancellationToken ct = default) =>
        WithConnectionAsync<IReadOnlyList<Category>>(tx, async c =>
            (await c.QueryAsync<Category>(new CommandDefinition(CategoriesSql, new { AccountId = accountId }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToList(), ct);

    private const string InsertCategorySql = """
        INSERT INTO site_categories (account_id, name, sort_order, created_at, updated_at)
        VALUES (@AccountId, @Name, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM site_categories WHERE account_id = @AccountId), @At, @At)
        RETURNING id
        """;

    /// <summary>Adds a category at the end of the list.</summary>
    public async Task<long> AddCategoryAsync(DbTransaction tx, int accountId, string name, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(InsertCategorySql, new { AccountId = accountId, Name = name, At = time.GetUtcNow() }, tx, cancellationToken: ct)).ConfigureAwait(false);

    private const string RenameCategorySql = "UPDATE site_categories SET name = @Name, updated_at = @At WHERE account_id = @AccountId AND id = @Id";

    public async Task<bool> RenameCategoryAsync(DbTransaction tx, int accountId, long id, string name, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(RenameCategorySql, new { AccountId = accountId, Id = id, Name = name, At = time.GetUtcNow() }, tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    // Its articles stay, without a category (the foreign key's ON DELETE SET NULL).
    private const string DeleteCategorySql = "DELETE FROM site_categories WHERE account_id = @AccountId AND id = @Id";

    public async Task<bool> DeleteCategoryAsync(DbTransaction tx, int accountId, long id, CancellationToken ct = default) =>
        await tx.Connection!.ExecuteAsync(new CommandDefinition(DeleteCategorySql, new { AccountId = accountId, Id = id }, tx, cancellationToken: ct)).ConfigureAwait(false) == 1;

    public Task SetCategoryOrderAsync(DbTransaction tx, int accountId, IReadOnlyList<long> ids, CancellationToken ct = default) =>
        SetOrderAsync(tx, accountId, "site_categories", ids, ct);
}
