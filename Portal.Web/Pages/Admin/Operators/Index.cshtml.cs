using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Accounts;
using Portal.Core.Operators;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Operators;

/// <summary>Owners only (the folder's policy): add operators, change roles, disable, set passwords.</summary>
public sealed class IndexModel(OperatorStore operators, OperatorAccounts accounts, AccountDirectory directory, TimeProvider time) : PageModel
{
    public IReadOnlyList<Operator> Operators { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>Every configured Official Account; an operator may be limited to some of them.</summary>
    public IReadOnlyList<WeChatAccount> Accounts => directory.All;

    /// <summary>Each operator's accounts; none for an operator who may work on all.</summary>
    public ILookup<long, int> Limits { get; private set; } = Array.Empty<int>().ToLookup(_ => 0L);

    public string? Name { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Operators = await operators.ListAsync(ct);
        Limits = await operators.AllAccountsAsync(ct);
    }

    public async Task<IActionResult> OnPostAccountsAsync(long id, int[]? accountIds, CancellationToken ct)
    {
        if (accountIds is null || accountIds.Length == 0)
            Problem = "Tick at least one account (all of them for no limit).";
        else
            Problem = await accounts.SetAccountsAsync(User.AuditActor(), id, accountIds, directory.All.Select(a => a.Id).ToList(), ct);
        return Problem is null ? Done("operator.accounts-set", "Accounts saved. They see only those accounts from their next page.") : await Redisplay(ct);
    }

    public async Task<IActionResult> OnPostAddAsync(string? name, string? role, string? password, CancellationToken ct)
    {
        Name = name;
        Problem = OperatorNames.Problem(name)
            ?? (OperatorRoles.TryParse(role, out _) ? null : "Choose a role.")
            ?? OperatorPasswordRules.Problem(password, name);
        if (Problem is null)
        {
            var created = await accounts.CreateAsync(User.AuditActor(), name!, OperatorRoles.Parse(role!), password!, ct);
            if (created is not null)
                return Done("operator.created", $"{created.Name} can now sign in as {OperatorRoles.Name(created.Role)}.");
            Problem = $"There is already an operator named {OperatorNames.Normalize(name!)}.";
        }
        return await Redisplay(ct);
    }

    public async Task<IActionResult> OnPostRoleAsync(long id, string? role, CancellationToken ct)
    {
        Problem = OperatorRoles.TryParse(role, out var parsed)
            ? await accounts.SetRoleAsync(User.AuditActor(), id, parsed, ct)
            : "Choose a role.";
        return Problem is null ? Done("operator.role-changed", "Role changed. If they were signed in, they sign in again to use it.") : await Redisplay(ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(long id, CancellationToken ct)
    {
        Problem = await accounts.SetDisabledAsync(User.AuditActor(), id, true, ct);
        return Problem is null ? Done("operator.disabled", "Operator disabled and signed out everywhere.") : await Redisplay(ct);
    }

    public async Task<IActionResult> OnPostEnableAsync(long id, CancellationToken ct)
    {
        Problem = await accounts.SetDisabledAsync(User.AuditActor(), id, false, ct);
        return Problem is null ? Done("operator.enabled", "Operator enabled.") : await Redisplay(ct);
    }

    public async Task<IActionResult> OnPostResetAsync(long id, string? password, CancellationToken ct)
    {
        Problem = await accounts.ResetPasswordAsync(User.AuditActor(), id, password ?? "", ct);
        return Problem is null ? Done("operator.password-set", "Password set.") : await Redisplay(ct);
    }

    private RedirectToPageResult Done(string code, string message)
    {
        TempData.Tell(code, message);
        return RedirectToPage();
    }

    private async Task<IActionResult> Redisplay(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }
}
