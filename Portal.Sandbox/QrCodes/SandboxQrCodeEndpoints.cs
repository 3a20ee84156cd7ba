using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Portal.Sandbox.Accounts;
using Portal.Sandbox.Platform;
using static Portal.Sandbox.Platform.SandboxReplies;

namespace Portal.Sandbox.QrCodes;

/// <summary>
/// The sandbox's QR-code API and the image host's <c>showqrcode</c>. The image is a stand-in that shows the
/// scene in words, not a scannable code: in the sandbox a follower "scans" from the phone page.
/// </summary>
public static class SandboxQrCodeEndpoints
{
    public static IEndpointRouteBuilder MapSandboxQrCodes(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(SandboxPaths.Prefix + "cgi-bin").ExcludeFromDescription().DisableAntiforgery();
        api.MapPost("/qrcode/create", CreateAsync).WithDailyQuota("qrcode/create");
        api.MapGet("/showqrcode", Show);
        return endpoints;
    }

    private static async Task<IResult> CreateAsync(string? access_token, HttpRequest request, SandboxWorld world)
    {
        if (world.Refuse(access_token, out var account) is { } refused)
            return refused;
        var (body, unreadable) = await ReadAsync<PlatformQrCodeRequest>(request);
        if (unreadable is not null)
            return unreadable;
        var (code, qr) = account.QrCodes.Create(body!);
        if (code != 0)
            return Error(code, "data format error");
        return qr!.ExpiresAt is { } at
            ? Json(new { ticket = qr.Ticket, expire_seconds = (int)Math.Round((at - qr.CreatedAt).TotalSeconds), url = qr.Url })
            : Json(new { ticket = qr.Ticket, url = qr.Url });
    }

    /// <summary>No token is needed, as on the platform; an unknown or expired ticket shows nothing.</summary>
    private static IResult Show(string? ticket, SandboxWorld world)
    {
        // A ticket names its code whichever account issued it, as the image host needs no token.
        if (world.All.Select(a => a.QrCodes).FirstOrDefault(c => c.Find(ticket) is not null) is not { } codes
            || codes.Find(ticket) is not { } qr || codes.IsExpired(qr))
            return Results.NotFound();
        return Results.Text(Svg(qr), "image/svg+xml", Encoding.UTF8);
    }

    /// <summary>A 21×21 pattern drawn from the ticket's hash around the scene's name, with QR-like corner squares.</summary>
    private static string Svg(SandboxQrCode qr)
    {
        const int cells = 21, size = 10;
        var bits = SHA256.HashData(Encoding.UTF8.GetBytes(qr.Ticket));
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{cells * size}\" height=\"{cells * size + 40}\" viewBox=\"0 0 {cells * size} {cells * size + 40}\">");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        for (var y = 0; y < cells; y++)
        {
            for (var x = 0; x < cells; x++)
            {
                var bit = y * cells + x;
                var on = InFinder(x, y) ?? ((bits[bit / 8 % bits.Length] >> (bit % 8)) & 1) == 1;
                if (on)
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x * size}\" y=\"{y * size}\" width=\"{size}\" height=\"{size}\"/>");
            }
        }
        var kind = qr.IsPermanent ? "permanent" : "temporary";
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cells * size / 2}\" y=\"{cells * size + 26}\" font-family=\"sans-serif\" font-size=\"14\" text-anchor=\"middle\">{WebUtility.HtmlEncode($"scene {qr.Scene} ({kind})")}</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Whether a cell belongs to one of the three corner squares (and is dark), or null when it does not.</summary>
    private static bool? InFinder(int x, int y)
    {
        foreach (var (left, top) in new[] { (0, 0), (14, 0), (0, 14) })
        {
            int dx = x - left, dy = y - top;
            if (dx is >= 0 and < 7 && dy is >= 0 and < 7)
                return dx is 0 or 6 || dy is 0 or 6 || (dx is >= 2 and <= 4 && dy is >= 2 and <= 4);
        }
        return null;
    }
}
