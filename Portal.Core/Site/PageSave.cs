namespace Portal.Core.Site;

/// <summary>What became of saving a page: its id, or why it was not saved.</summary>
public sealed record PageSave(long? Id, string? Problem)
{
    public static PageSave Saved(long id) => new(id, null);

    public static PageSave SlugTaken { get; } = new(null, "Another page already has this address. Choose a different one.");

    public static PageSave Gone { get; } = new(null, "The page was deleted meanwhile.");
}
