using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Gateway.Web.Components.Dialogs;

/// <summary>Shows a new secret (API key, admin token) once, with a copy button; closing it is the last time anyone sees it.</summary>
public partial class SecretDialog
{
    private bool copied;

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

    private async Task CopyAsync()
    {
        // The clipboard may be refused (no permission, plain http); the secret stays selectable on screen.
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", Secret);
            copied = true;
        }
        catch (JSException)
        {
            copied = false;
        }
    }
}
