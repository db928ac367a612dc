namespace Gateway.Core.Resilience;

/// <summary>How the gateway tells database errors apart: which are worth redoing a write for, and which a background writer lives through.</summary>
public static class DatabaseErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// SQLite busy or locked, anywhere in the exception chain (EF wraps it in <c>DbUpdateException</c>). The provider has
    /// already waited out its busy timeout on the statement; what is left (a WAL snapshot gone stale, a lock held past
    /// the timeout) clears when the unit of work starts again on a fresh context.
    /// SQL Server's transient errors are retried by EF's own execution strategy (<c>EnableRetryOnFailure</c>) and arrive
    /// here as <see cref="RetryLimitExceededException"/> once it gave up: not retried again, so waits never multiply.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null and not RetryLimitExceededException; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The database is still unreachable or busy after every retry (ours or EF's): the next write would fail the same
    /// way, only after waiting as long again.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception is RetryLimitExceededException || IsTransient(exception);

    /// <summary>
    /// The database refused or failed a read or write: the provider's errors, EF's (a failed save, an execution strategy
    /// that gave up), a connection in the wrong state, a file that cannot be read. A background writer logs these and
    /// carries on; anything else is a defect and surfaces.
    /// </summary>
    public static bool IsFailure(Exception exception) =>
        exception is DbException or DbUpdateException or RetryLimitExceededException or InvalidOperationException or IOException;
}
