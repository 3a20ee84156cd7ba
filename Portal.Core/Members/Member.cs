namespace Portal.Core.Members;

/// <summary>A follower who signed in to the H5 pages. <see cref="HasProfile"/> once they allowed snsapi_userinfo.</summary>
public sealed record Member
{
    public long Id { get; init; }

    /// <summary>The Official Account they are a member of: an OpenID is that account's.</summary>
    public int AccountId { get; init; }
    public required string OpenId { get; init; }
    public string? UnionId { get; init; }
    public string? Nickname { get; init; }
    public string? AvatarUrl { get; init; }
    public bool HasProfile { get; init; }

    /// <summary>The code staff scan or type at the counter; made on first use.</summary>
    public string? MemberCode { get; init; }

    /// <summary>The verified mobile number, +86…, once bound.</summary>
    public string? Phone { get; init; }

    /// <summary>The name the member gave in their profile.</summary>
    public string? RealName { get; init; }

    /// <summary>yyyy-MM-dd, as the member gave it.</summary>
    public string? Birthday { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastSignInAt { get; init; }
}

/// <summary>What web authorization told about a member at sign-in; the profile only with snsapi_userinfo.</summary>
public sealed record MemberSignIn(string OpenId, string? UnionId, string? Nickname, string? AvatarUrl);
