using Gateway.Core.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Gateway.Web.Components.Dialogs;

/// <summary>
/// Sends one tiny request through an account, or through the account dialog's unsaved settings, with the
/// chosen protocol and model, and shows the status, latency, the model sent and the reply.
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

    [Parameter]
    public bool Disabled { get; set; }

    private async Task RunAsync()
    {
        running = true;
        outcome = null;
        try
        {
            var result = Draft is { } draft
                ? await Actions.TestAsync(draft(), protocol, model, PageLifetime)
                : await Actions.TestAsync(AccountId, protocol, model, PageLifetime);
            outcome = result is null ? new Outcome(Severity.Warning, Loc[nameof(Resources.ConnectionTest.AccountGone)], null, null, null) : Describe(result);
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
        return new Outcome(result.Succeeded ? Severity.Success : Severity.Error, headline, sent, result.Detail, result.Reply);
    }

    private sealed record Outcome(Severity Severity, string Headline, string? Model, string? Detail, string? Reply);
}
