using System.Globalization;
using Gateway.Core.Accounts;
using Gateway.Web.Console;
using Microsoft.AspNetCore.Components;

namespace Gateway.Web.Components.Dialogs;

/// <summary>Runs a connection test of an account over Chat Completions or Responses and shows the outcome.</summary>
public partial class ConnectionTestDialog
{
    private string? outcome;
    private bool running;

    [Parameter, EditorRequired]
    public long AccountId { get; set; }

    private async Task RunAsync(ApiProtocol protocol)
    {
        running = true;
        try
        {
            var result = await Actions.TestAsync(AccountId, protocol, CancellationToken.None);
            outcome = result is null
                ? Loc[nameof(Resources.ConnectionTestDialog.AccountGone)]
                : string.Format(
                    result.Succeeded ? Loc[nameof(Resources.ConnectionTestDialog.Succeeded)] : Loc[nameof(Resources.ConnectionTestDialog.Failed)],
                    result.Status?.ToString(CultureInfo.InvariantCulture) ?? ConsoleFormat.None,
                    result.LatencyMs,
                    result.Detail);
        }
        finally
        {
            running = false;
        }
    }
}
