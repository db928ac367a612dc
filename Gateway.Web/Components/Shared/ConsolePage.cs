using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Gateway.Web.Console;
using Microsoft.AspNetCore.Components.Authorization;

namespace Gateway.Web.Components.Shared;

/// <summary>
/// Base of the console pages: who is acting (for audit entries), whether they may change things, and a
/// token cancelled when the page is left, for work the admin can abandon.
/// </summary>
public abstract class ConsolePage : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource lifetime = new();
    private ClaimsPrincipal user = new();

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Cancelled when the page is disposed (the admin navigated away or the circuit ended).</summary>
    protected CancellationToken PageLifetime => lifetime.Token;

    /// <summary>True for admins; viewers see the page with every change disabled.</summary>
    protected bool CanEdit => ConsoleAccess.CanEdit(user);

    /// <summary>The signed-in user's name, for audit entries.</summary>
    protected string Actor => user.Identity?.Name ?? "admin";

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        if (AuthenticationState is not null)
        {
            user = (await AuthenticationState).User;
        }

        await base.SetParametersAsync(ParameterView.Empty);
    }

    public async ValueTask DisposeAsync()
    {
        await lifetime.CancelAsync();
        await DisposeAsyncCore();
        lifetime.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops what the page started (timers, subscriptions).</summary>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
