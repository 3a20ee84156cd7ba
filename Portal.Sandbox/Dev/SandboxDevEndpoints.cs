using System.Text.Json.Serialization;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Platform;
using Portal.Sandbox.Tokens;

namespace Portal.Sandbox.Dev;

/// <summary>
/// The sandbox's development endpoints under <c>/sandbox/dev/</c>: ways to make the platform misbehave or
/// move on that the real one offers no API for, so a developer (or a test, over HTTP like any other client)
/// can watch Portal cope. They exist only where the sandbox does, never in Production, and like every
/// sandbox path they are forwarded to the process that plays the platform.
/// </summary>
/// <remarks>
/// <c>POST faults</c> <c>{"endpoint":"cgi-bin/stable_token","count":2,"fault":"busy"|"unavailable"}</c> fails the
/// next requests to an endpoint (count 0 cancels); <c>GET faults?endpoint=…</c> tells how many requests it saw;
/// <c>POST tokens/revoke</c> makes every access token stop working, as when another system holding the
/// AppSecret forces a refresh; <c>POST followers/{openId}/close-window?appid=…</c> moves a follower's last
/// interaction past the 48-hour window.
/// </remarks>
public static class SandboxDevEndpoints
{
    public const string Prefix = SandboxPaths.Prefix + "dev";

    public static IEndpointRouteBuilder MapSandboxDev(this IEndpointRouteBuilder endpoints)
    {
        var dev = endpoints.MapGroup(Prefix).ExcludeFromDescription().DisableAntiforgery();
        dev.MapPost("/faults", (FaultRequest request, SandboxFaults faults) =>
        {
            if (string.IsNullOrWhiteSpace(request.Endpoint) || request.Count < 0 || !Enum.TryParse<SandboxFault>(request.Fault, ignoreCase: true, out var fault))
                return Results.BadRequest();
            faults.FailNext(request.Endpoint, request.Count, fault);
            return Results.NoContent();
        });
        dev.MapGet("/faults", (string? endpoint, SandboxFaults faults) =>
            string.IsNullOrWhiteSpace(endpoint) ? Results.BadRequest() : Results.Ok(new { endpoint, seen = faults.Seen(endpoint) }));
        dev.MapPost("/tokens/revoke", (SandboxTokens tokens) =>
        {
            tokens.RevokeAll();
            return Results.NoContent();
        });
        dev.MapPost("/followers/{openId}/close-window", (string openId, string? appid, SandboxWorld world) =>
        {
            if ((world.Find(appid) ?? (appid is null ? world.First : null)) is not { } account || account.Followers.Find(openId) is not { } follower)
                return Results.NotFound();
            account.Followers.CloseWindow(follower);
            return Results.NoContent();
        });
        return endpoints;
    }

    private sealed record FaultRequest(
        [property: JsonPropertyName("endpoint")] string? Endpoint,
        [property: JsonPropertyName("count")] int Count,
        [property: JsonPropertyName("fault")] string? Fault);
}
