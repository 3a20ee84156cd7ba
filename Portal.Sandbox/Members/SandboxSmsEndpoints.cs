using Portal.Sandbox.Platform;

namespace Portal.Sandbox.Members;

/// <summary>
/// The sandbox's SMS gateway: an instance that does not play the platform sends its texts here, so they
/// show on the one phone page (see <see cref="SandboxSms"/>).
/// </summary>
public static class SandboxSmsEndpoints
{
    public const string Path = SandboxPaths.Prefix + "sms/send";

    public static IEndpointRouteBuilder MapSandboxSms(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async (TextRequest request, SandboxSms sms, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Phone) || string.IsNullOrWhiteSpace(request.Code) || request.ValidForSeconds <= 0)
                return Results.BadRequest();
            await sms.SendCodeAsync(request.Phone, request.Code, TimeSpan.FromSeconds(request.ValidForSeconds), ct);
            return Results.Ok();
        }).ExcludeFromDescription().DisableAntiforgery();
        return endpoints;
    }

    public sealed record TextRequest(string? Phone, string? Code, int ValidForSeconds);
}
