namespace Gateway.Web.Components.Shared;

/// <summary>
/// The enable/disable and delete actions of a console page whose rows are named things (accounts, API keys): taking a row
/// out of use is confirmed, putting it back is not, since it can be undone at once; each action ends with a snackbar that
/// says it was done, or that the row is gone (deleted meanwhile), then the page reloads its rows in place. The texts come
/// from the page's own resources, under the keys in <see cref="TextKeys"/>.
/// </summary>
internal sealed class RowActions(IStringLocalizer page, IStringLocalizer<Resources.Common> common, IDialogService dialogs, ISnackbar snackbar, Func<Task> reload)
{
    private const string DisableTitle = "DisableTitle";
    private const string DisableConfirm = "DisableConfirm";
    private const string Disable = "Disable";
    private const string Disabled = "Disabled";
    private const string Enabled = "Enabled";
    private const string DeleteTitle = "DeleteTitle";
    private const string DeleteConfirm = "DeleteConfirm";
    private const string Delete = "Delete";
    private const string Deleted = "Deleted";
    private const string Gone = "Gone";

    /// <summary>The keys read from the page's resources: every page using these actions holds them all (a test checks).</summary>
    public static IReadOnlyList<string> TextKeys { get; } = [DisableTitle, DisableConfirm, Disable, Disabled, Enabled, DeleteTitle, DeleteConfirm, Delete, Deleted, Gone];

    /// <summary>Disables the row <paramref name="name"/> once confirmed, or enables it; <paramref name="setEnabled"/> answers null when the row is gone.</summary>
    public async Task ToggleAsync<T>(string name, bool enabled, Func<bool, Task<T?>> setEnabled)
        where T : class
    {
        if (enabled && !await ConfirmAsync(DisableTitle, DisableConfirm, name, Disable))
        {
            return;
        }

        var changed = await setEnabled(!enabled);
        await AfterChangeAsync(changed is not null, enabled ? Disabled : Enabled);
    }

    /// <summary>Deletes the row <paramref name="name"/> once confirmed; <paramref name="delete"/> answers false when the row is gone.</summary>
    public async Task DeleteAsync(string name, Func<Task<bool>> delete)
    {
        if (await ConfirmAsync(DeleteTitle, DeleteConfirm, name, Delete))
        {
            await AfterChangeAsync(await delete(), Deleted);
        }
    }

    /// <summary>Asks before an action on the row <paramref name="name"/>, in the page's words.</summary>
    public Task<bool> ConfirmAsync(string titleKey, string messageKey, string name, string yesKey) =>
        dialogs.ConfirmAsync(page[titleKey], page[messageKey, name], page[yesKey], common);

    /// <summary>Says the action was done (<paramref name="doneKey"/>) or that the row is gone, then reloads the rows.</summary>
    public async Task AfterChangeAsync(bool found, string doneKey)
    {
        snackbar.Add(found ? page[doneKey] : page[Gone], found ? Severity.Success : Severity.Warning);
        await reload();
    }
}
