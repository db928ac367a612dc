using Group = Gateway.Core.Accounts.Group;

namespace Gateway.Web.Components.Dialogs;

/// <summary>Issues a client API key; the dialog closes with the new key and its secret, which the page shows once.</summary>
public partial class KeyDialog
{
    /// <summary>The pause in typing, in milliseconds, after which the group field searches.</summary>
    public const int GroupSearchAfterMs = 100;

    /// <summary>The groups a key can join; searched as the admin types.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<Group> Groups { get; set; } = [];

    private Group? SelectedGroup => Groups.FirstOrDefault(g => g.Id == Model.GroupId);

    private Task<IEnumerable<Group>> SearchGroupsAsync(string? text, CancellationToken ct) =>
        Task.FromResult(Groups.Where(g => string.IsNullOrWhiteSpace(text) || g.Name.Contains(text.Trim(), StringComparison.CurrentCultureIgnoreCase)));

    // A missing value is said by the field's own Required check (RequiredError).
    private string? Message(KeyFieldProblem problem) => problem switch
    {
        KeyFieldProblem.TooLong => Common[nameof(Resources.Common.TooLong), ApiKeyAdminService.MaxNameLength].Value,
        KeyFieldProblem.AtLeastOne => Loc[nameof(Resources.KeyDialog.AtLeastOne)].Value,
        KeyFieldProblem.GroupGone => Loc[nameof(Resources.KeyDialog.GroupGone)].Value,
        _ => null,
    };

    private async Task CreateAsync()
    {
        await ValidateFormAsync();
        if (!Model.IsValid)
        {
            return;
        }

        await SaveAndCloseAsync(async () =>
        {
            var result = await Keys.CreateAsync(Model.ToInput(), Actor, PageLifetime);
            if (result.Errors is { } errors && errors.ContainsKey("group_id"))
            {
                Model.GroupWasGone();
                await ValidateFormAsync();
            }

            return result.Value;
        });
    }
}
