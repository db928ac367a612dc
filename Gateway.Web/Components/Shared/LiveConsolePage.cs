namespace Gateway.Web.Components.Shared;

/// <summary>
/// A console page that shows live state (dashboard, accounts, jobs): it reads its data on open, then ticks every
/// <see cref="TickInterval"/> while it is open and its browser connected. A browser that goes away stops the ticks
/// (nothing is read or drawn for it); one that comes back gets a tick at once, then every interval again.
/// </summary>
public abstract partial class LiveConsolePage : ConsolePage
{
    /// <summary>How often an open live page reads fresh data.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private LiveRefresh? live;
    private IDisposable? connectionWatch;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    [Inject]
    private CircuitConnection Connection { get; set; } = default!;

    [Inject]
    private ILogger<LiveConsolePage> Logger { get; set; } = default!;

    /// <summary>True after a refresh failed, until one succeeds.</summary>
    protected bool RefreshFailed { get; private set; }

    /// <summary>How often the page ticks; a page that counts down overrides it.</summary>
    protected virtual TimeSpan TickInterval => RefreshInterval;

    /// <summary>Reads the page's data when it opens.</summary>
    protected abstract Task LoadAsync(CancellationToken ct);

    /// <summary>One tick's work: by default, read everything again.</summary>
    protected virtual Task TickAsync(CancellationToken ct) => LoadAsync(ct);

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync(PageLifetime);

        // Prerendering draws the page once; only the interactive page keeps it fresh.
        if (RendererInfo.IsInteractive)
        {
            connectionWatch = Connection.Watch(OnConnectionChangedAsync);
            if (Connection.IsConnected)
            {
                live = LiveRefresh.Start(Time, TickInterval, OnTickAsync, FailedAsync);
            }
        }
    }

    /// <summary>The refresh button's work: read now.</summary>
    protected Task RefreshNowAsync() => RefreshAsync(LoadAsync, PageLifetime);

    protected override async ValueTask DisposeAsyncCore()
    {
        connectionWatch?.Dispose();
        connectionWatch = null;
        await StopTicksAsync();
    }

    private Task OnConnectionChangedAsync(bool connected) => InvokeAsync(async () =>
    {
        await StopTicksAsync();

        // A change that was on its way while the page was left starts nothing.
        if (connected && connectionWatch is not null)
        {
            live = LiveRefresh.Start(Time, TickInterval, OnTickAsync, FailedAsync, refreshNow: true);
        }
    });

    private async Task StopTicksAsync()
    {
        if (live is not null)
        {
            await live.DisposeAsync();
            live = null;
        }
    }

    private Task OnTickAsync(CancellationToken ct) => InvokeAsync(() => RefreshAsync(TickAsync, ct));

    private async Task RefreshAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        await work(ct);
        RefreshFailed = false;
        StateHasChanged();
    }

    private Task FailedAsync(Exception error) => InvokeAsync(() =>
    {
        LogRefreshFailed(Logger, GetType().Name, error);
        RefreshFailed = true;
        StateHasChanged();
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "The console page {Page} could not refresh; the next tick tries again.")]
    private static partial void LogRefreshFailed(ILogger logger, string page, Exception error);
}
