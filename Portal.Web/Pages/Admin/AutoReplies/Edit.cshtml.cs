using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.AutoReplies;
using Portal.Web.Operators;

namespace Portal.Web.Pages.Admin.AutoReplies;

public sealed class EditModel(AutoReplyRuleStore store, AutoReplyRuleEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public RuleDraft Draft { get; set; } = new();

    [BindProperty]
    public RuleTestKind TestKind { get; set; }

    [BindProperty]
    public string? TestValue { get; set; }

    public RuleTesterView Tester => new(TestKind, TestValue, TestResult, "Test");

    public RuleTestResult? TestResult { get; private set; }

    /// <summary>What the list would say about this rule once saved (after a test).</summary>
    public IReadOnlyList<RuleFinding> Findings { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public bool Testing { get; private set; }

    public string? SavedName { get; private set; }

    public bool CanEdit => ReadOnlyForViewers.CanChange(User);

    public static string PatternLabelsJson { get; } =
        JsonSerializer.Serialize(RuleTriggers.All.ToDictionary(RuleTriggers.Key, RuleTriggers.PatternLabel));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null)
        {
            Draft = new RuleDraft().WithArticleSlots();
            return Page();
        }
        var rule = await store.GetAsync(HttpContext.AdminAccount().Id, Id.Value, ct);
        if (rule is null)
            return NotFound();
        SavedName = rule.Name;
        Draft = RuleDraft.From(rule);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var built = Draft.Build(Id ?? 0);
        if (!built.IsValid)
            return await Redisplay(built, ct);
        var actor = User.AuditActor();
        if (Id is null)
        {
            var created = await editor.CreateAsync(actor, HttpContext.AdminAccount().Id, built.Rule!, ct);
            TempData.Tell("rule.created", $"Rule “{created.Name}” created. It answers followers now.");
        }
        else if (await editor.UpdateAsync(actor, HttpContext.AdminAccount().Id, built.Rule!, ct))
        {
            TempData.Tell("rule.saved", $"Rule “{built.Rule!.Name}” saved.");
        }
        else
        {
            TempData.Tell("rule.gone", "That rule was deleted by someone else meanwhile, so nothing was saved.");
        }
        return RedirectToPage("Index");
    }

    /// <summary>Runs the tester with the form's rule in place of its saved version; nothing is saved.</summary>
    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        Testing = true;
        var built = Draft.Build(Id ?? 0);
        if (built.IsValid)
        {
            var saved = await store.ListAsync(HttpContext.AdminAccount().Id, ct);
            TestResult = RuleTester.Run(saved, built.Rule, new RuleTest(TestKind, TestValue));
            var id = Id ?? RuleTester.UnsavedId;
            Findings = RuleReview.Review(RuleTester.WithEditing(saved, built.Rule)).Where(f => f.RuleId == id).ToList();
        }
        return await Redisplay(built, ct);
    }

    private async Task<IActionResult> Redisplay(RuleDraftResult built, CancellationToken ct)
    {
        Errors = built.Errors;
        Draft.WithArticleSlots();
        if (Id is not null)
            SavedName = (await store.GetAsync(HttpContext.AdminAccount().Id, Id.Value, ct))?.Name ?? Draft.Name;
        return Page();
    }
}
