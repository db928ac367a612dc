using Gateway.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gateway.DesignTime;

/// <summary>Builds the SQLite context for `dotnet ef`; the connection is never opened.</summary>
public sealed class SqliteFactory : IDesignTimeDbContextFactory<SqliteGatewayDbContext>
{
    public SqliteGatewayDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteGatewayDbContext(options.Options);
    }
}

/// <summary>Builds the SQL Server context for `dotnet ef`; no server is needed to add migrations.</summary>
public sealed class SqlServerFactory : IDesignTimeDbContextFactory<SqlServerGatewayDbContext>
{
    public SqlServerGatewayDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlServer(options, "Server=localhost;Database=gateway;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerGatewayDbContext(options.Options);
    }
}
