using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Operators;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.Operators;

/// <summary>Owners only (the folder's policy): add operators, change roles, disable, set passwords.</summary>
public sealed class IndexModel(OperatorStore operators, OperatorAccounts accounts, TimeProvider time) : PageModel
{
    public IReadOnlyList<Operator> Operators { get; private set; } = [];

    public string? Problem { get; private set; }

    public string? Name { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct) => Operators = await operators.ListAsync(ct);

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
        Operators = await operators.ListAsync(ct);
        return Page();
    }
}
