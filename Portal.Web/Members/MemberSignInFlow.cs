using System.Security.Cryptography;
using System.Text;
using Portal.Core.Accounts;
using Portal.Core.Coordination;
using Portal.Core.Members;
using Portal.Core.Platform;
using Portal.Core.WeChat;

namespace Portal.Web.Members;

/// <summary>
/// The code-to-member half of web authorization. A code works once at the platform; the member it gave is
/// remembered under the code for its five-minute life (in the shared store, so on every instance), so a
/// callback repeated by the back button or a double redirect signs the same member in again instead of
/// failing with 40163. The memory is bound to the browser that redeemed the code (the state in its
/// OAuth cookie): anyone else who learns a used code (from a log, a Referer, a shared link) goes to the
/// platform like any other caller, and the platform refuses the code.
/// </summary>
public sealed partial class MemberSignInFlow(OAuthClient oauth, MemberStore members, ICoordinationStore store, ILogger<MemberSignInFlow> logger)
{
    private static readonly TimeSpan CodeLife = TimeSpan.FromMinutes(5);

    /// <summary>The member the code stands for, or null when the platform refused the code (used elsewhere, expired, forged).</summary>
    /// <param name="browser">What ties the callback to one browser: the state its own OAuth cookie holds.</param>
    /// <param name="account">The account whose authorize page gave the code: codes are per AppId.</param>
    public async Task<SignedInMember?> RedeemAsync(WeChatAccount account, string code, string browser, CancellationToken ct)
    {
        var key = CodeKey(account, code);
        var binding = Hash(browser);
        if (await store.GetAsync(key, ct).ConfigureAwait(false) is { } remembered && Parse(remembered, binding) is { } again)
            return again;

        OAuthToken token;
        try
        {
            token = await oauth.ExchangeCodeAsync(account, code, ct).ConfigureAwait(false);
        }
        catch (WeChatApiException e) when (e.ErrorCode is WeChatErrorCodes.InvalidOAuthCode or WeChatErrorCodes.OAuthCodeUsed)
        {
            LogCodeRefused(logger, e.ErrorCode);
            return null;
        }

        var withProfile = token.Scope.Split(',').Contains(OAuthScopes.UserInfo);
        var signIn = new MemberSignIn(token.OpenId, token.UnionId, null, null);
        if (withProfile)
        {
            var profile = await oauth.GetUserInfoAsync(token.AccessToken, token.OpenId, ct: ct).ConfigureAwait(false);
            signIn = signIn with { Nickname = profile.Nickname, AvatarUrl = profile.HeadImgUrl, UnionId = profile.UnionId ?? token.UnionId };
        }
        var member = await members.SignInAsync(account.Id, signIn, withProfile, ct).ConfigureAwait(false);
        var signedIn = new SignedInMember(member.Id, member.OpenId, withProfile || member.HasProfile ? OAuthScopes.UserInfo : OAuthScopes.Base);
        await store.SetAsync(key, Format(signedIn, binding), CodeLife, ct).ConfigureAwait(false);
        return signedIn;
    }

    // The code itself is a credential for five minutes: only its hash is kept.
    private static string CodeKey(WeChatAccount account, string code) => $"oauth-code:{account.AppId}:{Hash(code)}";

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string Format(SignedInMember m, string binding) => $"{m.MemberId}|{m.Scope}|{binding}|{m.OpenId}";

    // Null for another browser's sign-in: the caller then asks the platform, which refuses a used code.
    private static SignedInMember? Parse(string raw, string binding) =>
        raw.Split('|', 4) is [var id, var scope, var boundTo, var openId] && long.TryParse(id, out var memberId)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(boundTo), Encoding.ASCII.GetBytes(binding))
            ? new SignedInMember(memberId, openId, scope)
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "The platform refused a web-authorization code (errcode {ErrorCode}); the sign-in starts again")]
    private static partial void LogCodeRefused(ILogger logger, int errorCode);
}

/// <summary>Who a member cookie is issued to, with the scope they granted.</summary>
public sealed record SignedInMember(long MemberId, string OpenId, string Scope);
