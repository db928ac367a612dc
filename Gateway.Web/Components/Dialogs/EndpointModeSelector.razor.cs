using Gateway.Core.Accounts;
using Microsoft.AspNetCore.Components;

namespace Gateway.Web.Components.Dialogs;

/// <summary>Chooses an account's endpoint mode, each with a one-line explanation.</summary>
public partial class EndpointModeSelector
{
    [Parameter]
    public EndpointMode Value { get; set; }

    [Parameter]
    public EventCallback<EndpointMode> ValueChanged { get; set; }

    private IEnumerable<(EndpointMode Mode, string Explanation)> Modes =>
    [
        (EndpointMode.Auto, Loc[nameof(Resources.EndpointModeSelector.Auto)]),
        (EndpointMode.Chat, Loc[nameof(Resources.EndpointModeSelector.Chat)]),
        (EndpointMode.Responses, Loc[nameof(Resources.EndpointModeSelector.Responses)]),
        (EndpointMode.Both, Loc[nameof(Resources.EndpointModeSelector.Both)]),
    ];

    private async Task SelectAsync(EndpointMode mode)
    {
        Value = mode;
        await ValueChanged.InvokeAsync(mode);
    }
}
