namespace Gateway.Tests.Persistence;

/// <summary>The model of both providers builds without a warning: an operator's start-up log holds none from EF.</summary>
public sealed class ModelValidationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Model_BuildsWithoutWarnings(DatabaseProvider provider)
    {
        using var context = Create(provider);

        Assert.NotEmpty(context.Model.GetEntityTypes());
    }

    // As the host configures each provider, with every EF warning made an error.
    private static GatewayDbContext Create(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.SqlServer)
        {
            var sqlServer = new DbContextOptionsBuilder<SqlServerGatewayDbContext>();
            PersistenceServiceCollectionExtensions.ConfigureSqlServer(sqlServer, "Server=unused;Database=unused");
            return new SqlServerGatewayDbContext(sqlServer.ConfigureWarnings(w => w.Default(WarningBehavior.Throw)).Options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(sqlite, "Data Source=:memory:");
        return new SqliteGatewayDbContext(sqlite.ConfigureWarnings(w => w.Default(WarningBehavior.Throw)).Options);
    }
}
