namespace Gateway.Web.Components.Dialogs;

/// <summary>Shows a new secret (API key, admin token) once, with a copy button; closing it is the last time anyone sees it.</summary>
public partial class SecretDialog
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Secret { get; set; } = "";

    /// <summary>Opens the dialog and waits until it is closed; only an explicit "Done" closes it, so the secret is not lost by a stray click.</summary>
    public static async Task ShowAsync(IDialogService dialogs, string title, string secret)
    {
        var dialog = await dialogs.ShowAsync<SecretDialog>(
            title,
            new DialogParameters<SecretDialog> { { d => d.Secret, secret } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false });
        await dialog.Result;
    }
}
