namespace Portal.Core.Site;

/// <summary>An uploaded image, named by the SHA-256 of its bytes so its URL never changes and never collides.</summary>
public sealed record MediaFile
{
    public string Hash { get; init; } = "";
    public string Extension { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }
    public string OriginalName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }

    public string FileName => $"{Hash}.{Extension}";

    public string Url => $"/media/{FileName}";
}
