namespace Gateway.Web.Console;

/// <summary>
/// Whether this circuit's browser is connected. A browser that went away (a closed tab, a lost network) keeps
/// its circuit for a while in case it comes back; live pages read and draw nothing for it meanwhile.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    public bool IsConnected { get; private set; } = true;

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsConnected = true;
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsConnected = false;
        return Task.CompletedTask;
    }
}
