namespace Gateway.Tests.Infrastructure;

/// <summary>A migrated SQLite database in its own temporary file, for tests of services without a host.</summary>
public sealed class TestDatabase : IDbContextFactory<GatewayDbContext>, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "gateway-tests", $"{Guid.NewGuid():N}.db");

    /// <summary>A database with its schema in place.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await database.MigrateAsync();
        return database;
    }

    /// <summary>Creates the schema; a database made with <c>new</c> needs this before its first use.</summary>
    public Task MigrateAsync() =>
        DatabaseMigrator.MigrateAsync(this, new DatabaseSettings(DatabaseProvider.Sqlite, ConnectionString), CancellationToken.None);

    private string ConnectionString => $"Data Source={_path}";

    public GatewayDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(options, ConnectionString);
        return new SqliteGatewayDbContext(options.Options);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
