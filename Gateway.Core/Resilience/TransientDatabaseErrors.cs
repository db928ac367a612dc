namespace Gateway.Core.Resilience;

/// <summary>Which database errors are worth redoing a whole write for.</summary>
public static class TransientDatabaseErrors
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
}
