namespace Gateway.Web.Components.Shared;

/// <summary>Base of the console's pages and dialogs: a token cancelled when the component goes away, for work the admin can abandon.</summary>
public abstract class ConsoleComponent : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource lifetime = new();

    /// <summary>Cancelled when the component is disposed (the admin left the page or closed the dialog, or the circuit ended).</summary>
    protected CancellationToken PageLifetime => lifetime.Token;

    public async ValueTask DisposeAsync()
    {
        await lifetime.CancelAsync();
        await DisposeAsyncCore();
        lifetime.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops what the component started (timers, subscriptions).</summary>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;
}
