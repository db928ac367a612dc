using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gateway.Tests.Persistence;

/// <summary>The model of both providers builds without a warning: an operator's start-up log holds none from EF.</summary>
public sealed class ModelValidationTests
{
    [Fact]
    public void SqliteModel_BuildsWithoutWarnings()
    {
        var options = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=:memory:");
        using var context = new SqliteGatewayDbContext(options.ConfigureWarnings(w => w.Default(WarningBehavior.Throw)).Options);

        Assert.NotEmpty(context.Model.GetEntityTypes());
    }

    [Fact]
    public void SqlServerModel_BuildsWithoutWarnings()
    {
        var options = new DbContextOptionsBuilder<SqlServerGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlServer(options, "Server=unused;Database=unused");
        using var context = new SqlServerGatewayDbContext(options.ConfigureWarnings(w => w.Default(WarningBehavior.Throw)).Options);

        Assert.NotEmpty(context.Model.GetEntityTypes());
    }
}
