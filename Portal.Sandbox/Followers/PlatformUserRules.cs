namespace Portal.Sandbox.Followers;

/// <summary>The platform's limits on the user API (https://developers.weixin.qq.com/doc/offiaccount/User_Management/Getting_a_User_List.html).</summary>
public static class PlatformUserRules
{
    /// <summary>OpenIDs per page of <c>user/get</c> (and of <c>user/tag/get</c>).</summary>
    public const int PageSize = 10_000;

    /// <summary>Followers in one <c>user/info/batchget</c>.</summary>
    public const int MaxBatch = 100;
}
