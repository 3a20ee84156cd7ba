using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Portal.Core.Coordination;
using Portal.Core.Members;
using Portal.Core.Platform;
using Portal.Core.WeChat;

namespace Portal.Web.Members;

/// <summary>
/// The code-to-member half of web authorization. A code works once at the platform; the member it gave is
/// remembered under the code for its five-minute life (in the shared store, so on every instance), so a
/// callback repeated by the back button or a double redirect signs the same member in again instead of
/// failing with 40163.
/// </summary>
public sealed partial class MemberSignInFlow(OAuthClient oauth, MemberStore members, ICoordinationStore store, IOptions<WeChatOptions> account, ILogger<MemberSignInFlow> logger)
{
    private static readonly TimeSpan CodeLife = TimeSpan.FromMinutes(5);

    /// <summary>The member the code stands for, or null when the platform refused the code (used elsewhere, expired, forged).</summary>
    public async Task<SignedInMember?> RedeemAsync(string code, CancellationToken ct)
    {
        var key = CodeKey(code);
        if (await store.GetAsync(key, ct).ConfigureAwait(false) is { } remembered && Parse(remembered) is { } again)
            return again;

        OAuthToken token;
        try
        {
            token = await oauth.ExchangeCodeAsync(code, ct).ConfigureAwait(false);
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
        var member = await members.SignInAsync(signIn, withProfile, ct).ConfigureAwait(false);
        var signedIn = new SignedInMember(member.Id, member.OpenId, withProfile || member.HasProfile ? OAuthScopes.UserInfo : OAuthScopes.Base);
        await store.SetAsync(key, Format(signedIn), CodeLife, ct).ConfigureAwait(false);
        return signedIn;
    }

    // The code itself is a credential for five minutes: only its hash is kept.
    private string CodeKey(string code) =>
        $"oauth-code:{account.Value.AppId}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)))}";

    private static string Format(SignedInMember m) => $"{m.MemberId}|{m.Scope}|{m.OpenId}";

    private static SignedInMember? Parse(string raw) => raw.Split('|', 3) is [var id, var scope, var openId] && long.TryParse(id, out var memberId)
        ? new SignedInMember(memberId, openId, scope)
        : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "The platform refused a web-authorization code (errcode {ErrorCode}); the sign-in starts again")]
    private static partial void LogCodeRefused(ILogger logger, int errorCode);
}

/// <summary>Who a member cookie is issued to, with the scope they granted.</summary>
public sealed record SignedInMember(long MemberId, string OpenId, string Scope);
