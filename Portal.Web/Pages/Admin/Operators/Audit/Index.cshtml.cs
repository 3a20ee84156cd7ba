using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Operators;
using Portal.Web.Pages.Admin.Dashboard;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.Operators.Audit;

public sealed class IndexModel(AuditLog audit, OperatorStore operators) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public long? OperatorId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public IReadOnlyList<Operator> Operators { get; private set; } = [];

    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    /// <summary>The key of the next (older) page, when there may be one.</summary>
    public long? NextBefore { get; private set; }

    public bool Filtered => OperatorId is not null || !string.IsNullOrEmpty(EntityType) || From is not null || To is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Operators = await operators.ListAsync(ct);
        EntityTypes = await audit.EntityTypesAsync(ct);
        Entries = await audit.ListAsync(new AuditQuery
        {
            OperatorId = OperatorId,
            AccountId = HttpContext.AdminAccount().Id,
            EntityType = string.IsNullOrEmpty(EntityType) ? null : EntityType,
            From = From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            // The "to" day is included: the query's upper bound is the start of the next day.
            To = To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            Before = Before,
            Limit = PageSize,
        }, ct);
        NextBefore = Entries.Count == PageSize ? Entries[^1].Id : null;
    }

    public string PageLink(long before)
    {
        var query = new Dictionary<string, string?>
        {
            ["OperatorId"] = OperatorId?.ToString(CultureInfo.InvariantCulture),
            ["EntityType"] = EntityType,
            ["From"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["To"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Before"] = before.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/audit", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    /// <summary>The stored entity type in words; a type this page does not know yet shows as stored.</summary>
    public static string EntityLabel(string entityType) => entityType switch
    {
        Portal.Core.Followers.FollowerEditor.EntityType => "Follower",
        Portal.Core.Followers.FollowerEditor.SyncEntityType => "Follower sync",
        Portal.Core.Followers.TagEditor.EntityType => "Tag",
        Portal.Core.AutoReplies.AutoReplyRuleEditor.EntityType => "Auto-reply rule",
        Portal.Web.Operators.OperatorAccounts.EntityType => "Operator",
        Portal.Core.Menus.MenuWorkbench.EntityType => "Menu",
        Portal.Core.Menus.MenuWorkbench.DraftEntityType => "Menu draft",
        _ => entityType,
    };

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Stored JSON, indented for reading (Razor encodes it for the page).</summary>
    public static string Pretty(string json)
    {
        try
        {
            return JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
