namespace Gateway.Web.Console.Groups;

/// <summary>What is wrong with a group's name.</summary>
public enum GroupNameProblem
{
    None,
    Required,
    TooLong,

    /// <summary>The server found another group with this name.</summary>
    Taken,
}

/// <summary>The group dialog's form state: name, description and member accounts.</summary>
public sealed class GroupEditorModel
{
    private string? takenName;

    public long? Id { get; private init; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public ISet<long> AccountIds { get; } = new HashSet<long>();

    public bool IsNew => Id is null;

    public GroupNameProblem NameProblem =>
        string.IsNullOrWhiteSpace(Name) ? GroupNameProblem.Required
        : Name.Trim().Length > GroupAdminService.MaxNameLength ? GroupNameProblem.TooLong
        : string.Equals(Name.Trim(), takenName, StringComparison.Ordinal) ? GroupNameProblem.Taken
        : GroupNameProblem.None;

    /// <summary>Whether the description is longer than a group's may be.</summary>
    public bool DescriptionTooLong => DescriptionOrNull?.Length > GroupAdminService.MaxDescriptionLength;

    public static GroupEditorModel ForGroup(Group group)
    {
        var model = new GroupEditorModel { Id = group.Id, Name = group.Name, Description = group.Description };
        model.AccountIds.UnionWith(group.Accounts.Select(a => a.Id));
        return model;
    }

    /// <summary>Remembers that the server refused the current name as taken, until the admin changes it.</summary>
    public void NameWasTaken() => takenName = Name.Trim();

    public string? DescriptionOrNull => string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
}
