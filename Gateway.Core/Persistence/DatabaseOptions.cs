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
}
