using Portal.Core.Accounts;

namespace Portal.Core.Outbox;

/// <summary>The account an outbox row is for: its work is sent with that account's token.</summary>
public static class OutboxAccounts
{
    /// <summary>
    /// The row's account. One no longer configured cannot be sent for, now or later: the
    /// <see cref="NotSupportedException"/> makes the delivery give the row up with that reason.
    /// </summary>
    public static WeChatAccount AccountOf(this AccountDirectory accounts, OutboxItem row) =>
        accounts.Find(row.AccountId) ?? throw new NotSupportedException($"Account {row.AccountId} is no longer configured.");
}
