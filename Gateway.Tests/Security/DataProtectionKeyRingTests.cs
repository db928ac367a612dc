using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Gateway.Tests.Security;

/// <summary>
/// The key ring lives in <c>data_protection_keys</c> through Microsoft.AspNetCore.DataProtection.EntityFrameworkCore, encrypted
/// with a key kept outside the database (issue 12, "the database alone gives away every upstream secret and an admin
/// session"); the database and key files are readable by the gateway's user only.
/// </summary>
public sealed class DataProtectionKeyRingTests : GatewayPerTest
{
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

        var secret = App.Services.GetRequiredService<SecretProtector>().Unprotect(protectedSecret);

        Assert.Equal(("sk-from-before", "rt-from-before"), (secret.ApiKey, secret.RefreshToken));
        await using var check = CreateDbContext();
        Assert.Equal(formerRing.Stored.Count, await check.DataProtectionKeys.CountAsync());
    }

    [Fact]
    public async Task ANewKeyRing_IsWrittenToTheSameTableAndReadByAnotherInstance()
    {
        var protectedSecret = App.Services.GetRequiredService<SecretProtector>().Protect(new AccountSecret { ApiKey = "sk-shared" });

        await using (var db = App.CreateDbContext())
        {
            var key = await db.DataProtectionKeys.AsNoTracking().SingleAsync();
            Assert.StartsWith("key-", key.FriendlyName);
            Assert.StartsWith("<key ", key.Xml);
        }

        using var otherInstance = GatewayAppFactory.SharingDatabaseOf(App);
        Assert.Equal("sk-shared", otherInstance.Services.GetRequiredService<SecretProtector>().Unprotect(protectedSecret).ApiKey);
    }

    [Fact]
    public async Task TheStoredKeyRing_IsEncryptedNeverInItsUnencryptedForm()
    {
        App.Services.GetRequiredService<SecretProtector>().Protect(new AccountSecret { ApiKey = "sk-at-rest" });

        await using var db = App.CreateDbContext();
        var xml = (await db.DataProtectionKeys.AsNoTracking().SingleAsync()).Xml!;
        Assert.DoesNotContain("unencrypted form", xml);
        Assert.DoesNotContain("<masterKey", xml);
        Assert.Contains("EncryptedData", xml);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task ByDefault_TheKeyFileSitsBesideTheDatabase_AndItAndTheDatabaseFilesAreOwnerOnly()
    {
        using var app = new GatewayAppFactory().WithSetting("Security:KeyRing:KeyFilePath", null);
        var keyFile = DatabaseSettings.FileBeside(app.DatabasePath, "keyring", ".pfx");
        try
        {
            var protectedSecret = app.Services.GetRequiredService<SecretProtector>().Protect(new AccountSecret { ApiKey = "sk-local" });

            Assert.True(File.Exists(keyFile));
            await using (var db = app.CreateDbContext())
            {
                Assert.Contains("EncryptedData", (await db.DataProtectionKeys.AsNoTracking().SingleAsync()).Xml);
            }

            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(ownerOnly, File.GetUnixFileMode(keyFile));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(app.DatabasePath));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(JobStorageFactory.SqliteFileBeside($"Data Source={app.DatabasePath}")));
            using var restarted = GatewayAppFactory.SharingDatabaseOf(app).WithSetting("Security:KeyRing:KeyFilePath", null);
            Assert.Equal("sk-local", restarted.Services.GetRequiredService<SecretProtector>().Unprotect(protectedSecret).ApiKey);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task AConfiguredCertificate_EncryptsTheKeyRing()
    {
        var pfx = Path.Combine(Path.GetTempPath(), "gateway-tests", $"{Guid.NewGuid():N}.pfx");
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=operator", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(200));
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        try
        {
            using var app = new GatewayAppFactory()
                .WithSetting("Security:KeyRing:CertificatePath", pfx)
                .WithSetting("Security:KeyRing:CertificatePassword", "pfx-password");
            app.Services.GetRequiredService<SecretProtector>().Protect(new AccountSecret { ApiKey = "sk-cert" });

            await using var db = app.CreateDbContext();
            Assert.Contains(Convert.ToBase64String(certificate.RawData), (await db.DataProtectionKeys.AsNoTracking().SingleAsync()).Xml);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public void OutsideDevelopment_SqlServerWithoutACertificateOrKeyFile_RefusesToStartNamingTheSettings()
    {
        using var app = new GatewayAppFactory()
            .WithSetting("environment", "Production")
            .WithSetting("Database:Provider", "SqlServer")
            .WithSetting("ConnectionStrings:Gateway", "Server=127.0.0.1,1;Database=none;Connect Timeout=1")
            .WithSetting("Security:KeyRing:KeyFilePath", null);

        var failure = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("Security:KeyRing:CertificatePath", failure.ToString());
        Assert.Contains("Security:KeyRing:KeyFilePath", failure.ToString());
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
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={App.DatabasePath}");
        await DatabaseMigrator.MigrateAsync(new SingleFileFactory(this), settings, CancellationToken.None);
    }

    private SqliteGatewayDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<SqliteGatewayDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(options, $"Data Source={App.DatabasePath}");
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
