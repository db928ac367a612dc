namespace Gateway.Core.Persistence;

/// <summary>Applies the provider's migrations at start-up, inside the execution strategy.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IDbContextFactory<GatewayDbContext> factory, DatabaseSettings settings, CancellationToken cancellationToken)
    {
        PersistenceServiceCollectionExtensions.PrepareSqliteFile(settings);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(ct => db.Database.MigrateAsync(ct), cancellationToken);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the usage writer and readers work side by side.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
