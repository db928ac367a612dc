namespace Gateway.Core.Persistence;

/// <summary>The database provider chosen by <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Where the gateway keeps its data (SPEC 8).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The default SQLite file, relative to the content root.</summary>
    public const string DefaultSqliteFile = "data/gateway.db";

    /// <summary>Reads <c>Database:Provider</c> and <c>ConnectionStrings:Gateway</c>; an unknown provider fails start-up.</summary>
    public static DatabaseSettings From(string? provider, string? connectionString, string contentRoot)
    {
        var kind = provider?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => DatabaseProvider.Sqlite,
            "sqlserver" => DatabaseProvider.SqlServer,
            _ => throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use 'Sqlite' or 'SqlServer'."),
        };

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new DatabaseSettings(kind, connectionString);
        }

        if (kind == DatabaseProvider.SqlServer)
        {
            throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Gateway is not set.");
        }

        var file = Path.Combine(contentRoot, DefaultSqliteFile);
        return new DatabaseSettings(kind, $"Data Source={file}");
    }

    /// <summary>The SQLite database file, or null for SQL Server, an in-memory database or a <c>file:</c> URI.</summary>
    public string? SqliteFile
    {
        get
        {
            if (Provider != DatabaseProvider.Sqlite)
            {
                return null;
            }

            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? null : file;
        }
    }

    /// <summary>
    /// A file kept beside the SQLite database, named after it so two databases never share one: for <c>data/gateway.db</c>
    /// <c>data/{name}{extension}</c>, for any other <c>x.db</c> <c>x.{name}{extension}</c>.
    /// </summary>
    public static string FileBeside(string databaseFile, string name, string extension)
    {
        var database = Path.GetFullPath(databaseFile);
        var stem = Path.GetFileNameWithoutExtension(database);
        var file = stem.Equals("gateway", StringComparison.OrdinalIgnoreCase) ? name : $"{stem}.{name}";
        return Path.Combine(Path.GetDirectoryName(database)!, file + extension);
    }
}
