using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portal.Core.AutoReplies;
using Portal.Core.Messaging;
using Portal.Web.Operators;
using Portal.Web.Pages.Admin.Dashboard;

namespace Portal.Web.Pages.Admin.AutoReplies;

public sealed class IndexModel(AutoReplyRuleStore store, AutoReplyRuleEditor editor, IOptions<MessagingOptions> messaging) : PageModel
{
    public IReadOnlyList<AutoReplyRule> Rules { get; private set; } = [];

    public IReadOnlyList<RuleFinding> Findings { get; private set; } = [];

    public RuleTesterView Tester { get; private set; } = new(RuleTestKind.Text, null, null);

    public bool CanEdit => ReadOnlyForViewers.CanChange(User);

    public int RefreshSeconds => (int)Math.Ceiling(messaging.Value.RulesRefreshInterval.TotalSeconds);

    public async Task OnGetAsync(RuleTestKind? testKind, string? testValue, CancellationToken ct)
    {
        Rules = await store.ListAsync(HttpContext.AdminAccount().Id, ct);
        Findings = RuleReview.Review(Rules);
        if (testKind is { } kind)
            Tester = new RuleTesterView(kind, testValue, RuleTester.Run(Rules, null, new RuleTest(kind, testValue)));
    }

    public Task<IActionResult> OnPostEnableAsync(long id, CancellationToken ct) =>
        Done(editor.SetEnabledAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, true, ct), "rule.enabled", "Rule turned on.");

    public Task<IActionResult> OnPostDisableAsync(long id, CancellationToken ct) =>
        Done(editor.SetEnabledAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, false, ct), "rule.disabled", "Rule turned off. It stays in the list until you delete it.");

    public Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken ct) =>
        Done(editor.DeleteAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, ct), "rule.deleted", "Rule deleted.");

    public Task<IActionResult> OnPostUpAsync(long id, CancellationToken ct) =>
        Done(editor.MoveAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, up: true, ct), null, null);

    public Task<IActionResult> OnPostDownAsync(long id, CancellationToken ct) =>
        Done(editor.MoveAsync(User.AuditActor(), HttpContext.AdminAccount().Id, id, up: false, ct), null, null);

    private async Task<IActionResult> Done(Task<bool> change, string? code, string? message)
    {
        if (!await change)
            TempData.Tell("rule.unchanged", "Nothing changed: the rule was already gone or already there. The list below is current.");
        else if (code is not null && message is not null)
            TempData.Tell(code, message);
        return RedirectToPage();
    }
}
