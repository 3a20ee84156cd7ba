using Portal.Sandbox.Accounts;
using Portal.Sandbox.Platform;
using static Portal.Sandbox.Platform.SandboxReplies;

namespace Portal.Sandbox.Tokens;

/// <summary>The sandbox's JS-SDK ticket endpoint, <c>/sandbox/cgi-bin/ticket/getticket</c>: the token's account's ticket.</summary>
public static class SandboxTicketEndpoints
{
    public static IEndpointRouteBuilder MapSandboxTickets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SandboxPaths.Prefix + "cgi-bin/ticket/getticket", GetTicket).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult GetTicket(string? access_token, string? type, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        if (type != "jsapi")
            return Error(PlatformErrors.InvalidArgs, "invalid args"); // the sandbox serves only the JS-SDK's ticket
        var (ticket, expiresIn) = account.Tickets.Current();
        return Json(new { errcode = 0, errmsg = "ok", ticket, expires_in = expiresIn });
    }
}
