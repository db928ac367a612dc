namespace Gateway.Web.Components.Dialogs;

/// <summary>
/// Base of the console's editor dialogs (account, group, key): the model being edited, who acts (for audit entries), the
/// form, and a save that disables its button while it runs and closes the dialog with what it returns.
/// </summary>
public abstract class EditorDialog<TModel> : ConsoleComponent
{
    [Parameter, EditorRequired]
    public TModel Model { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Actor { get; set; } = "";

    [CascadingParameter]
    protected IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The dialog's form, checked as a whole before a save.</summary>
    protected MudForm? Form { get; set; }

    /// <summary>True while a save runs.</summary>
    protected bool Saving { get; private set; }

    /// <summary>Shows every field's message, as the fields do when left.</summary>
    protected Task ValidateFormAsync() => Form?.ValidateAsync() ?? Task.CompletedTask;

    /// <summary>Runs <paramref name="save"/>; closes the dialog with its result, or stays open when it returns null (the form says why).</summary>
    protected async Task SaveAndCloseAsync(Func<Task<object?>> save)
    {
        Saving = true;
        try
        {
            if (await save() is { } result)
            {
                Dialog.Close(DialogResult.Ok(result));
            }
        }
        finally
        {
            Saving = false;
        }
    }
}

/// <summary>How the console's pages open an editor dialog.</summary>
internal static class EditorDialogs
{
    /// <summary>
    /// Opens <typeparamref name="TDialog"/> full width, closed only by its own buttons (a click beside it would lose the
    /// admin's edits); answers what its save returned, or null when the admin cancelled.
    /// </summary>
    public static async Task<object?> EditAsync<TDialog>(this IDialogService dialogs, string title, DialogParameters<TDialog> parameters, MaxWidth maxWidth)
        where TDialog : IComponent
    {
        var dialog = await dialogs.ShowAsync<TDialog>(title, parameters, new DialogOptions { MaxWidth = maxWidth, FullWidth = true, BackdropClick = false });
        return await dialog.Result is { Canceled: false, Data: { } saved } ? saved : null;
    }
}
