namespace Portal.Web.Sandbox;

/// <summary>The sandbox's JS-SDK ticket endpoint, <c>/sandbox/cgi-bin/ticket/getticket</c>.</summary>
public static class SandboxTicketEndpoints
{
    public static IEndpointRouteBuilder MapSandboxTickets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SandboxPlatformEndpoints.Prefix + "cgi-bin/ticket/getticket", GetTicket).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult GetTicket(string? access_token, string? type, SandboxTokens tokens, SandboxTickets tickets)
    {
        var code = tokens.Check(access_token);
        if (code != 0)
            return SandboxAnswers.TokenRefused(code);
        if (type != "jsapi")
            return SandboxAnswers.Error(40097, "invalid args"); // the sandbox serves only the JS-SDK's ticket
        var (ticket, expiresIn) = tickets.Current();
        return Results.Json(new { errcode = 0, errmsg = "ok", ticket, expires_in = expiresIn });
    }
}
