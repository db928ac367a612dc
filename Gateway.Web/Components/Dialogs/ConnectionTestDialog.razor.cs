namespace Gateway.Web.Components.Dialogs;

/// <summary>The accounts grid's "test connection": the test panel for a stored account.</summary>
public partial class ConnectionTestDialog
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public long AccountId { get; set; }

    /// <summary>The account's platform, which decides the protocols it can be tested over.</summary>
    [Parameter]
    public AccountPlatform Platform { get; set; }

    /// <summary>The account's mapped models, offered with one click.</summary>
    [Parameter]
    public IEnumerable<string> Suggestions { get; set; } = [];
}
