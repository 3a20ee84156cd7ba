using Microsoft.Net.Http.Headers;
using Portal.Core.Site;

namespace Portal.Web.Site;

/// <summary>
/// <c>GET /media/{sha256}.{ext}</c>: uploaded images. The name is the hash of the bytes, so a URL's content
/// never changes: browsers and proxies may keep it for a year without asking again, and the hash is the ETag.
/// The bytes are in the database, so every instance serves every image.
/// </summary>
public static class MediaEndpoints
{
    public const string CacheControl = "public, max-age=31536000, immutable";

    internal static IEndpointRouteBuilder MapSiteMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/media/{file}", async (string file, MediaLibrary media, HttpContext http) =>
        {
            if (await media.FindAsync(file, http.RequestAborted) is not { } found)
                return Results.NotFound();
            http.Response.Headers.CacheControl = CacheControl;
            // The type is what the bytes were sniffed as; browsers must not guess another.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var hash = file[..file.IndexOf('.', StringComparison.Ordinal)];
            return Results.Bytes(found.Content, found.Format.ContentType, entityTag: new EntityTagHeaderValue($"\"{hash}\""));
        }).ExcludeFromDescription();
        return endpoints;
    }
}
