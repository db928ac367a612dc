using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;

namespace Gateway.Web.Jobs;

/// <summary>
/// Hangfire's storage for <c>Database:Provider</c> (SPEC 6): its own schema in the application's SQL Server
/// database, or its own SQLite file beside the application's (sharing EF's file would add unprefixed tables
/// such as <c>Job</c> and <c>State</c> to it).
/// </summary>
internal static class JobStorageFactory
{
    /// <summary>The schema Hangfire installs its tables in, inside the application's SQL Server database.</summary>
    public const string SqlServerSchema = "hangfire";

    /// <summary>Builds the storage; SQL Server's installs or upgrades its schema here, and logs (does not throw) when it cannot.</summary>
    public static JobStorage Create(DatabaseSettings database, GatewayOptions options)
    {
        if (database.Provider == DatabaseProvider.SqlServer)
        {
            return new SqlServerStorage(database.ConnectionString, SqlServerOptions(options));
        }

        var file = SqliteFileBeside(database.ConnectionString);
        OwnerOnlyFiles.Ensure(file);
        return new SQLiteStorage(file, SqliteOptions(options));
    }

    public static SqlServerStorageOptions SqlServerOptions(GatewayOptions options) => new()
    {
        SchemaName = SqlServerSchema,
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = options.JobPollInterval,
    };

    public static SQLiteStorageOptions SqliteOptions(GatewayOptions options) => new() { QueuePollInterval = options.JobPollInterval };

    /// <summary>
    /// The job store's file, named after the application database so two databases never share one:
    /// <c>data/gateway.db</c> → <c>data/hangfire.db</c>, any other <c>x.db</c> → <c>x.hangfire.db</c>.
    /// </summary>
    public static string SqliteFileBeside(string applicationConnectionString)
    {
        var source = new SqliteConnectionStringBuilder(applicationConnectionString).DataSource;
        if (string.IsNullOrWhiteSpace(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("The job store needs the SQLite database to be a plain file path in ConnectionStrings:Gateway.");
        }

        return DatabaseSettings.FileBeside(source, "hangfire", Path.GetExtension(source) is { Length: > 0 } extension ? extension : ".db");
    }
}
