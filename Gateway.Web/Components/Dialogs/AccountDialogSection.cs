namespace Gateway.Web.Components.Dialogs;

/// <summary>Base of the account dialog's sections: the account being edited, and whether the dialog only shows it.</summary>
public abstract class AccountDialogSection : ComponentBase
{
    [Parameter, EditorRequired]
    public AccountEditorModel Model { get; set; } = default!;

    [Parameter]
    public bool Disabled { get; set; }
}
