namespace Gateway.Core.Persistence;

/// <summary>
/// Cuts every string written through SaveChanges to its column's size (SPEC 8: one long value never fails a write), for
/// every table: usage rows, suspensions, endpoint-cache entries, audit entries, account state. Values often come from
/// clients and upstreams, and SQL Server would refuse the whole batch where SQLite would store them whole.
/// </summary>
internal sealed class ColumnSizeInterceptor : SaveChangesInterceptor
{
    public static ColumnSizeInterceptor Instance { get; } = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        CutToFit(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CutToFit(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void CutToFit(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                ColumnSizes.CutToFit(entry);
            }
        }
    }
}
