using System.Text.Json;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Platform;
using static Portal.Sandbox.Platform.SandboxReplies;

namespace Portal.Sandbox.Messaging;

/// <summary>The platform's customer-service send, <c>/sandbox/cgi-bin/message/custom/send</c>, for the token's account.</summary>
public static class SandboxCustomServiceEndpoints
{
    public static IEndpointRouteBuilder MapSandboxCustomService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SandboxPaths.Prefix + "cgi-bin/message/custom/send", Send).ExcludeFromDescription().DisableAntiforgery();
        return endpoints;
    }

    private static IResult Send(string? access_token, JsonElement body, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        if (body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("touser", out var to) || to.GetString() is not { Length: > 0 } openId
            || !body.TryGetProperty("msgtype", out var type) || type.GetString() is not { } msgType)
            return Error(PlatformErrors.DataFormat, "data format error");
        if (!PlatformMessageRules.CustomServiceTypes.Contains(msgType) || !body.TryGetProperty(msgType, out var message))
            return Error(PlatformErrors.InvalidMessageType, "invalid message type");
        if (msgType == "news" && message.TryGetProperty("articles", out var articles) && articles.GetArrayLength() > PlatformMessageRules.MaxNewsArticles)
            return Error(PlatformErrors.ArticleSizeOutOfLimit, "article size out of limit");
        var result = account.Inbox.DeliverCustomerService(openId, msgType, message);
        return Error(result, PlatformErrors.Message(result));
    }
}
