namespace Gateway.Core.Policies;

/// <summary>
/// What a group holds for a model when no account is left to try: whether some account is busy or cooling down (worth
/// waiting for) and when the first cools down, and whether the model is suspended on some account.
/// </summary>
public readonly record struct ModelAvailability(bool Waitable, DateTime? SoonestAvailable, bool Suspended);
