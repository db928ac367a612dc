namespace Gateway.Web.Components.Shared;

/// <summary>
/// A console page that shows live state (dashboard, accounts, jobs): it reads its data on open, then ticks every
/// <see cref="TickInterval"/> while it is open and its browser connected, and stops when it is left.
/// </summary>
public abstract partial class LiveConsolePage : ConsolePage
{
    /// <summary>How often an open live page reads fresh data.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private LiveRefresh? live;

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
            live = LiveRefresh.Start(Time, TickInterval, OnTickAsync, FailedAsync);
        }
    }

    /// <summary>The refresh button's work: read now.</summary>
    protected Task RefreshNowAsync() => RefreshAsync(LoadAsync, PageLifetime);

    protected override async ValueTask DisposeAsyncCore()
    {
        if (live is not null)
        {
            await live.DisposeAsync();
        }
    }

    private Task OnTickAsync(CancellationToken ct) => Connection.IsConnected ? InvokeAsync(() => RefreshAsync(TickAsync, ct)) : Task.CompletedTask;

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
