namespace Portal.Core.Site;

/// <summary>What became of an upload: the stored file, or why it was refused.</summary>
public sealed record MediaUpload(MediaFile? File, string? Error)
{
    public static MediaUpload Refused(string error) => new(null, error);
}
