using System.Collections.Immutable;

namespace Gateway.Web.Console;

/// <summary>
/// Whether this circuit's browser is connected. A browser that went away (a closed tab, a lost network) keeps
/// its circuit for a while in case it comes back; live pages watch for both and stop reading meanwhile.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private ImmutableArray<Func<bool, Task>> _watchers = [];

    public bool IsConnected { get; private set; } = true;

    /// <summary>Calls <paramref name="changed"/> (with the new state) each time the browser goes away or comes back, until the answer is disposed.</summary>
    public IDisposable Watch(Func<bool, Task> changed)
    {
        ImmutableInterlocked.Update(ref _watchers, watchers => watchers.Add(changed));

        return new Watcher(this, changed);
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => ChangeAsync(connected: true);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => ChangeAsync(connected: false);

    private async Task ChangeAsync(bool connected)
    {
        IsConnected = connected;
        foreach (var changed in _watchers)
        {
            await changed(connected);
        }
    }

    private void Unwatch(Func<bool, Task> changed) => ImmutableInterlocked.Update(ref _watchers, watchers => watchers.Remove(changed));

    private sealed class Watcher(CircuitConnection connection, Func<bool, Task> changed) : IDisposable
    {
        public void Dispose() => connection.Unwatch(changed);
    }
}
