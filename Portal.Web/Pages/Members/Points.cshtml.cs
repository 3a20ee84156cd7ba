using Portal.Core.Members;
using Portal.Web.Members;

namespace Portal.Web.Pages.Members;

/// <summary>The member's ledger, newest first: every change with its reason.</summary>
[RequireMember]
public sealed class PointsModel(PointsLedger ledger) : MemberPageModel
{
    public long Balance { get; private set; }
    public IReadOnlyList<LedgerEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Balance = await ledger.BalanceAsync(AccountId, MemberId, HttpContext.RequestAborted);
        Entries = await ledger.HistoryAsync(AccountId, MemberId, 100, ct: HttpContext.RequestAborted);
    }
}
