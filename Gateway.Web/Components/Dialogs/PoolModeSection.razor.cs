using Gateway.Web.Console.Accounts;
using Microsoft.AspNetCore.Components;

namespace Gateway.Web.Components.Dialogs;

/// <summary>The pool-mode section of the account dialog, validating Retry Status Codes as they are typed.</summary>
public partial class PoolModeSection
{
    private IReadOnlyList<string> invalid = [];

    // The input is left to the browser after the first render: re-rendering the value from the server
    // while the admin types would overwrite characters typed since the last round trip.
    private string typedAtStart = "";

    [Parameter, EditorRequired]
    public AccountEditorModel Model { get; set; } = default!;

    protected override void OnInitialized() => typedAtStart = Model.RetryStatusCodes;

    protected override void OnParametersSet() => invalid = Model.InvalidRetryStatusCodes;

    private void OnRetryStatusCodesInput(ChangeEventArgs e)
    {
        Model.RetryStatusCodes = e.Value?.ToString() ?? "";
        invalid = Model.InvalidRetryStatusCodes;
    }
}
