namespace Gateway.Web.Console.Keys;

/// <summary>What is wrong with a field of the new-key form.</summary>
public enum KeyFieldProblem
{
    None,
    Required,

    /// <summary>Longer than <see cref="ApiKeyAdminService.MaxNameLength"/>.</summary>
    TooLong,

    /// <summary>A limit below 1 (empty means no limit).</summary>
    AtLeastOne,

    /// <summary>The chosen group was deleted meanwhile.</summary>
    GroupGone,
}

/// <summary>The new-key dialog's form state and its conversion to what the key service creates.</summary>
public sealed class KeyEditorModel
{
    private long? goneGroupId;

    public string Name { get; set; } = "";

    public long? GroupId { get; set; }

    /// <summary>The UTC day the key stops working; null for never.</summary>
    public DateTime? ExpiresOn { get; set; }

    public int? ConcurrencyLimit { get; set; }

    public int? RequestsPerMinute { get; set; }

    public KeyFieldProblem NameProblem =>
        string.IsNullOrWhiteSpace(Name) ? KeyFieldProblem.Required
        : Name.Trim().Length > ApiKeyAdminService.MaxNameLength ? KeyFieldProblem.TooLong
        : KeyFieldProblem.None;

    public KeyFieldProblem GroupProblem =>
        GroupId is null ? KeyFieldProblem.Required : GroupId == goneGroupId ? KeyFieldProblem.GroupGone : KeyFieldProblem.None;

    public static KeyFieldProblem LimitProblem(int? limit) => limit is < 1 ? KeyFieldProblem.AtLeastOne : KeyFieldProblem.None;

    public bool IsValid =>
        NameProblem == KeyFieldProblem.None && GroupProblem == KeyFieldProblem.None
        && LimitProblem(ConcurrencyLimit) == KeyFieldProblem.None && LimitProblem(RequestsPerMinute) == KeyFieldProblem.None;

    /// <summary>Remembers that the server no longer knows the chosen group, until another is chosen.</summary>
    public void GroupWasGone() => goneGroupId = GroupId;

    public ApiKeyInput ToInput() => new(
        Name.Trim(),
        GroupId,
        ExpiresOn is { } day ? DateTime.SpecifyKind(day.Date, DateTimeKind.Utc) : null,
        ConcurrencyLimit,
        RequestsPerMinute);
}
