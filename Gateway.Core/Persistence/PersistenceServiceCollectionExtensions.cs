namespace Gateway.Core.Persistence;

/// <summary>
/// Registers the database for the configured provider. Contexts are pooled: the usage writer alone takes one per batch,
/// and setting up a fresh context's services took about an eighth of the CPU its inserts did.
/// </summary>
internal static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayPersistence(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.SqlServer)
        {
            services.AddPooledDbContextFactory<SqlServerGatewayDbContext>(o => ConfigureSqlServer(o, settings.ConnectionString));
            services.AddSingleton<IDbContextFactory<GatewayDbContext>>(sp =>
                new GatewayDbContextFactory<SqlServerGatewayDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerGatewayDbContext>>()));
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteGatewayDbContext>(o => ConfigureSqlite(o, settings.ConnectionString));
            services.AddSingleton<IDbContextFactory<GatewayDbContext>>(sp =>
                new GatewayDbContextFactory<SqliteGatewayDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteGatewayDbContext>>()));
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContext());
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations")).AddInterceptors(ColumnSizeInterceptor.Instance, SocketEventThreadGuard.Instance, SqliteConnectionSettings.Instance);

    public static void ConfigureSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, o =>
        {
            o.MigrationsHistoryTable("__ef_migrations");
            o.EnableRetryOnFailure();
        }).AddInterceptors(ColumnSizeInterceptor.Instance, SocketEventThreadGuard.Instance);

    /// <summary>Creates the SQLite file (and its folder) readable by the gateway's own user only, when the database is a plain file.</summary>
    internal static void PrepareSqliteFile(DatabaseSettings settings)
    {
        if (settings.SqliteFile is { } file)
        {
            OwnerOnlyFiles.Ensure(file);
        }
    }
}
