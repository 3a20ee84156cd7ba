namespace Portal.Core.Coordination;

/// <summary>
/// What <see cref="ICoordinationStore.ClaimOrReadAsync"/> found: the claim won, or the value that holds the key.
/// </summary>
/// <param name="Won">True when this caller set the key.</param>
/// <param name="Existing">The value holding the key when the claim was lost.</param>
/// <param name="RemembersSince">
/// Since when the store's memory is whole: a store that restarted (or, for the in-process store, a process
/// that started) knows nothing of keys claimed before this time, so a claim won soon after it may repeat one.
/// </param>
public readonly record struct ClaimAttempt(bool Won, string? Existing, DateTimeOffset RemembersSince);
