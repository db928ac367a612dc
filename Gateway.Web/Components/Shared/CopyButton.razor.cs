using Microsoft.JSInterop;

namespace Gateway.Web.Components.Shared;

/// <summary>Copies a text (a new secret) to the clipboard and says so.</summary>
public partial class CopyButton
{
    private bool copied;

    [Parameter, EditorRequired]
    public string Text { get; set; } = "";

    private async Task CopyAsync()
    {
        // The clipboard may be refused (no permission, plain http); the text stays selectable on screen.
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", Text);
            copied = true;
        }
        catch (JSException)
        {
            copied = false;
        }
    }
}
