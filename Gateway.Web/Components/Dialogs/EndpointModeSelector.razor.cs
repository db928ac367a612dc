namespace Gateway.Web.Components.Dialogs;

/// <summary>
/// Chooses an account's endpoint mode, each with a one-line explanation, beside the probe's verdict; for an anthropic
/// account, which always speaks the Messages API, it says there is nothing to choose.
/// </summary>
public partial class EndpointModeSelector
{
    [Parameter]
    public EndpointMode Value { get; set; }

    [Parameter]
    public EventCallback<EndpointMode> ValueChanged { get; set; }

    [Parameter]
    public AccountPlatform Platform { get; set; }

    /// <summary>The stored probe verdict; <see cref="ProbeState.Unknown"/> with no time for an account not saved yet.</summary>
    [Parameter]
    public ProbeState Probe { get; set; }

    [Parameter]
    public DateTime? ProbedAt { get; set; }

    [Parameter]
    public string? ProbeDetail { get; set; }

    [Parameter]
    public bool Disabled { get; set; }

    private bool MessagesOnly => Platform == AccountPlatform.Anthropic;

    private IEnumerable<(EndpointMode Mode, string Label, string Explanation)> Options =>
    [
        (EndpointMode.Auto, Terms.EndpointMode(EndpointMode.Auto), Loc[nameof(Resources.EndpointModeSelector.Auto)]),
        (EndpointMode.Chat, Terms.EndpointMode(EndpointMode.Chat), Loc[nameof(Resources.EndpointModeSelector.Chat)]),
        (EndpointMode.Responses, Terms.EndpointMode(EndpointMode.Responses), Loc[nameof(Resources.EndpointModeSelector.Responses)]),
        (EndpointMode.Both, Terms.EndpointMode(EndpointMode.Both), Loc[nameof(Resources.EndpointModeSelector.Both)]),
    ];

    private string ProbeText => ProbedAt is { } at
        ? $"{Loc[nameof(Resources.EndpointModeSelector.ProbeVerdict), Terms.Probe(Probe)]} · {Loc[nameof(Resources.EndpointModeSelector.ProbedAt), ConsoleFormat.Utc(at)]}"
        : Loc[nameof(Resources.EndpointModeSelector.NotProbedYet)];

    private Color ProbeColor => Probe switch
    {
        ProbeState.Supported => Color.Success,
        ProbeState.Unsupported => Color.Warning,
        _ => Color.Default,
    };

    private async Task SelectAsync(EndpointMode mode)
    {
        Value = mode;
        await ValueChanged.InvokeAsync(mode);
    }
}
