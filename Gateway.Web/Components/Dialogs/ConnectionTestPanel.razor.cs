namespace Gateway.Web.Components.Dialogs;

/// <summary>
/// Sends one tiny request through an account, or through the account dialog's unsaved settings, with the
/// chosen protocol (an anthropic account's is always Messages) and model, and shows the status, latency, the
/// protocol spoken, the model sent and the reply.
/// </summary>
public partial class ConnectionTestPanel
{
    private ApiProtocol protocol = ApiProtocol.Chat;
    private string? model;
    private bool running;
    private Outcome? outcome;

    /// <summary>The stored account to test; ignored when <see cref="Draft"/> is set.</summary>
    [Parameter]
    public long AccountId { get; set; }

    /// <summary>Reads the dialog's settings at the moment the test runs.</summary>
    [Parameter]
    public Func<ConnectionDraft>? Draft { get; set; }

    /// <summary>Model names offered with one click.</summary>
    [Parameter]
    public IEnumerable<string> Suggestions { get; set; } = [];

    /// <summary>The account's platform: an anthropic account is tested over the Messages API, with no choice.</summary>
    [Parameter]
    public AccountPlatform Platform { get; set; }

    [Parameter]
    public bool Disabled { get; set; }

    private bool MessagesOnly => Platform == AccountPlatform.Anthropic;

    private ApiProtocol Protocol => MessagesOnly ? ApiProtocol.Messages : protocol;

    private async Task RunAsync()
    {
        running = true;
        outcome = null;
        try
        {
            var result = Draft is { } draft
                ? await Actions.TestAsync(draft(), Protocol, model, PageLifetime)
                : await Actions.TestAsync(AccountId, Protocol, model, PageLifetime);
            outcome = result is null ? new Outcome(Severity.Warning, Loc[nameof(Resources.ConnectionTest.AccountGone)], null, null, null, null) : Describe(result);
        }
        finally
        {
            running = false;
        }
    }

    private Outcome Describe(ConnectionTestResult result)
    {
        var headline = result.Status is { } status
            ? Loc[nameof(Resources.ConnectionTest.Answered), status, result.LatencyMs]
            : $"{Loc[nameof(Resources.ConnectionTest.NoAnswer)]} · {Loc[nameof(Resources.ConnectionTest.Failed), result.LatencyMs]}";
        var sent = string.IsNullOrEmpty(result.Model) ? null : Loc[nameof(Resources.ConnectionTest.ModelSent), result.Model].Value;
        var spoken = Loc[nameof(Resources.ConnectionTest.ProtocolUsed), ProtocolName(result.Protocol)];
        var detail = Terms.ProbeDetail(result.Detail);
        return new Outcome(result.Succeeded ? Severity.Success : Severity.Error, headline, spoken, sent, detail, result.Reply);
    }

    private string ProtocolName(ApiProtocol spoken) => spoken switch
    {
        ApiProtocol.Responses => Loc[nameof(Resources.ConnectionTest.Responses)],
        ApiProtocol.Messages => Loc[nameof(Resources.ConnectionTest.Messages)],
        _ => Loc[nameof(Resources.ConnectionTest.Chat)],
    };

    private sealed record Outcome(Severity Severity, string Headline, string? Protocol, string? Model, string? Detail, string? Reply);
}
