namespace Gateway.Core.Persistence;

/// <summary>
/// Keeps database work off the runtime's socket event threads. The gateway runs socket completions on those threads
/// (<see cref="SocketEventThreads"/>), so code that awaited an upstream's answer goes on there, and the providers'
/// asynchronous calls are synchronous underneath (Microsoft.Data.Sqlite's always, SqlClient's in part): a query made
/// there would stall every connection of that thread. When a connection is opened or a command is run from such a
/// thread, the work moves to the thread pool first, and the caller's code after it goes on there. On any other thread
/// nothing changes and nothing is allocated.
/// </summary>
internal sealed class SocketEventThreadGuard : IDbConnectionInterceptor, IDbCommandInterceptor
{
    public static SocketEventThreadGuard Instance { get; } = new();

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        LeaveEventThread(result);

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        LeaveEventThread(result);

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        LeaveEventThread(result);

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        LeaveEventThread(result);

    private static ValueTask<T> LeaveEventThread<T>(T result) => SocketEventThreads.IsCurrent ? OnThreadPool(result) : ValueTask.FromResult(result);

    private static async ValueTask<T> OnThreadPool<T>(T result)
    {
        // With no synchronization context (ASP.NET Core has none), a yield queues the rest to the thread pool.
        await Task.Yield();
        return result;
    }
}
