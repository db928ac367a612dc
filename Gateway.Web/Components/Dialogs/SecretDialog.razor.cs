using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Gateway.Web.Components.Dialogs;

/// <summary>Shows a new secret once, with a copy button.</summary>
public partial class SecretDialog
{
    private bool copied;

    [Parameter, EditorRequired]
    public string Secret { get; set; } = "";

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
