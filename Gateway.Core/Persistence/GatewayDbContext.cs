using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Gateway.Core.Persistence;

/// <summary>
/// The gateway's database. One subclass per provider carries that provider's migrations
/// (<see cref="SqliteGatewayDbContext"/>, <see cref="SqlServerGatewayDbContext"/>). It also holds the Data Protection
/// key ring (<see cref="IDataProtectionKeyContext"/>), so every instance decrypts what another encrypted.
/// </summary>
public class GatewayDbContext(DbContextOptions options) : IdentityDbContext<AdminUser>(options), IDataProtectionKeyContext
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ModelSuspension> ModelSuspensions => Set<ModelSuspension>();

    public DbSet<EndpointCacheEntry> EndpointCacheEntries => Set<EndpointCacheEntry>();

    public DbSet<UsageLog> UsageLogs => Set<UsageLog>();

    public DbSet<Setting> Settings => Set<Setting>();

    public DbSet<AdminToken> AdminTokens => Set<AdminToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StoredResponse> StoredResponses => Set<StoredResponse>();

    public DbSet<StoredResponseItem> StoredResponseItems => Set<StoredResponseItem>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GatewayDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

/// <summary>The SQLite database (embedded default).</summary>
public sealed class SqliteGatewayDbContext(DbContextOptions<SqliteGatewayDbContext> options) : GatewayDbContext(options);

/// <summary>The SQL Server database (production, several instances).</summary>
public sealed class SqlServerGatewayDbContext(DbContextOptions<SqlServerGatewayDbContext> options) : GatewayDbContext(options);
