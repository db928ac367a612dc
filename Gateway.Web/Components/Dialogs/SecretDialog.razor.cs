using Microsoft.AspNetCore.Components;

namespace Gateway.Web.Components.Dialogs;

/// <summary>Shows a new secret once, with a copy button.</summary>
public partial class SecretDialog
{
    [Parameter, EditorRequired]
    public string Secret { get; set; } = "";
}
