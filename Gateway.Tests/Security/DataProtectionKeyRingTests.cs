using System.Xml.Linq;
using Gateway.Core.Accounts;
using Gateway.Core.Persistence;
using Gateway.Core.Security;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Security;

/// <summary>The key ring lives in <c>data_protection_keys</c> through Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.</summary>
public sealed class DataProtectionKeyRingTests : IDisposable
{
    private readonly GatewayAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SecretEncryptedWithAKeyStoredByTheFormerKeyRepository_StillDecrypts()
    {
        await MigrateAsync();
        var formerRing = new RecordingXmlRepository();
        var protectedSecret = ProtectWith(formerRing, new AccountSecret { ApiKey = "sk-from-before", RefreshToken = "rt-from-before" });
        await using (var db = CreateDbContext())
        {
            // Exactly what the former repository stored: the friendly name and the element without formatting.
            foreach (var (element, friendlyName) in formerRing.Stored)
            {
                var xml = element.ToString(SaveOptions.DisableFormatting);
                await db.Database.ExecuteSqlAsync($"INSERT INTO data_protection_keys (FriendlyName, Xml) VALUES ({friendlyName}, {xml})");
            }
        }

        var secret = _app.Services.GetRequiredService<SecretProtector>().Unprotect(protectedSecret);

        Assert.Equal(("sk-from-before", "rt-from-before"), (secret.ApiKey, secret.RefreshToken));
        await using var check = CreateDbContext();
        Assert.Equal(formerRing.Stored.Count, await check.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task ANewKeyRing_IsWrittenToTheSameTableAndReadByAnotherInstance()
    {
        var protectedSecret = _app.Services.GetRequiredService<SecretProtector>().Protect(new AccountSecret { ApiKey = "sk-shared" });

        await using (var db = _app.CreateDbContext())
        {
            var key = await db.DataProtectionKeys.AsNoTracking().SingleAsync();
            Assert.StartsWith("key-", key.FriendlyName);
            Assert.StartsWith("<key ", key.Xml);
        }

        using var otherInstance = GatewayAppFactory.SharingDatabaseOf(_app);
        Assert.Equal("sk-shared", otherInstance.Services.GetRequiredService<SecretProtector>().Unprotect(protectedSecret).ApiKey);
    }

    // Encrypts as the gateway did, over a key ring handed to a custom repository as it was to the former one.
    private static string ProtectWith(IXmlRepository ring, AccountSecret secret)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("Gateway");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = ring);
        using var provider = services.BuildServiceProvider();
        return new SecretProtector(provider.GetRequiredService<IDataProtectionProvider>()).Protect(secret);
    }

    private async Task MigrateAsync()
    {
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={_app.DatabasePath}");
        await DatabaseMigrator.MigrateAsync(new SingleFileFactory(this), settings, CancellationToken.None);
    }

    private SqliteGatewayDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(options, $"Data Source={_app.DatabasePath}");
        return new SqliteGatewayDbContext(options.Options);
    }

    private sealed class SingleFileFactory(DataProtectionKeyRingTests test) : IDbContextFactory<GatewayDbContext>
    {
        public GatewayDbContext CreateDbContext() => test.CreateDbContext();
    }

    private sealed class RecordingXmlRepository : IXmlRepository
    {
        public List<(XElement Element, string FriendlyName)> Stored { get; } = [];

        public IReadOnlyCollection<XElement> GetAllElements() => [.. Stored.Select(s => s.Element)];

        public void StoreElement(XElement element, string friendlyName) => Stored.Add((element, friendlyName));
    }
}
