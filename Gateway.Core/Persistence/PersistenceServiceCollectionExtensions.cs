using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Core.Persistence;

/// <summary>Registers the database for the configured provider.</summary>
public static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayPersistence(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.SqlServer)
        {
            services.AddDbContextFactory<SqlServerGatewayDbContext>(o => ConfigureSqlServer(o, settings.ConnectionString));
            services.AddSingleton<IDbContextFactory<GatewayDbContext>>(sp =>
                new GatewayDbContextFactory<SqlServerGatewayDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerGatewayDbContext>>()));
        }
        else
        {
            services.AddDbContextFactory<SqliteGatewayDbContext>(o => ConfigureSqlite(o, settings.ConnectionString));
            services.AddSingleton<IDbContextFactory<GatewayDbContext>>(sp =>
                new GatewayDbContextFactory<SqliteGatewayDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteGatewayDbContext>>()));
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContext());
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations")).AddInterceptors(SqliteConnectionSettings.Instance);

    public static void ConfigureSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, o =>
        {
            o.MigrationsHistoryTable("__ef_migrations");
            o.EnableRetryOnFailure();
        });

    /// <summary>Creates the SQLite file's folder when the connection string points at a file.</summary>
    internal static void EnsureSqliteDirectory(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
