using Microsoft.EntityFrameworkCore.Design;

namespace Gateway.Core.Persistence;

/// <summary>Builds the SQLite context for <c>dotnet ef</c>; the connection is never opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGatewayDbContext>
{
    public SqliteGatewayDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteGatewayDbContext(options.Options);
    }
}

/// <summary>Builds the SQL Server context for <c>dotnet ef</c>; no server is needed to add migrations or script them.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerGatewayDbContext>
{
    public SqlServerGatewayDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlServerGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlServer(options, "Server=localhost;Database=gateway;Trusted_Connection=True;TrustServerCertificate=True");
        return new SqlServerGatewayDbContext(options.Options);
    }
}
