namespace Portal.Core.Members;

/// <summary>
/// A kind of coupon operators issue: so much off an order over a minimum, valid for some days after it is
/// claimed, with an optional total quantity and a per-member limit.
/// </summary>
public sealed record CouponTemplate
{
    public long Id { get; init; }
    public required string Name { get; init; }
    public int AmountOffCents { get; init; }
    public int MinSpendCents { get; init; }
    public int ValidDays { get; init; }

    /// <summary>How many may be claimed in all; null for no limit.</summary>
    public int? TotalQuantity { get; init; }
    public int PerMemberLimit { get; init; } = 1;
    public bool Enabled { get; init; } = true;
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A coupon a member holds.</summary>
public sealed record MemberCoupon
{
    public long Id { get; init; }
    public long TemplateId { get; init; }
    public long MemberId { get; init; }

    /// <summary>What staff type at the counter or the mall applies.</summary>
    public string Code { get; init; } = "";
    public DateTimeOffset ClaimedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; init; }
    public string? UsedFor { get; init; }
}

/// <summary>Why a claim or a use did not happen.</summary>
public enum CouponRefusal
{
    None,
    NoSuchCoupon,
    NotOffered,
    AllClaimed,
    MemberLimitReached,
    AlreadyUsed,
    Expired,
}
