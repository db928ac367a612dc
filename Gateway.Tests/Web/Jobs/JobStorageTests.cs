using Gateway.Web.Hosting;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Hosting;

namespace Gateway.Tests.Web.Jobs;

/// <summary>Where the jobs are stored for each database provider.</summary>
public sealed class JobStorageTests
{
    [Theory]
    [InlineData("Data Source=/srv/gateway/data/gateway.db", "/srv/gateway/data/hangfire.db")]
    [InlineData("Data Source=/tmp/tests/3f2a.db", "/tmp/tests/3f2a.hangfire.db")]
    [InlineData("Data Source=/srv/a/blue.sqlite;Cache=Shared", "/srv/a/blue.hangfire.sqlite")]
    [InlineData("Data Source=/srv/a/gateway", "/srv/a/hangfire.db")]
    public void SqliteJobStore_IsItsOwnFileBesideTheApplicationDatabase(string connectionString, string expected) =>
        Assert.Equal(expected, JobStorageFactory.SqliteFileBeside(connectionString));

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=file:shared?mode=memory")]
    public void SqliteJobStore_NeedsAFile(string connectionString) =>
        Assert.Throws<InvalidOperationException>(() => JobStorageFactory.SqliteFileBeside(connectionString));

    [Fact]
    public void DefaultDatabase_KeepsItsJobsInDataHangfireDb()
    {
        var settings = DatabaseSettings.From(null, null, "/srv/gateway");

        Assert.Equal("/srv/gateway/data/hangfire.db", JobStorageFactory.SqliteFileBeside(settings.ConnectionString));
    }

    [Fact]
    public void GatewayHost_StoresItsJobsInTheSqliteFileBesideItsDatabase_PollingEveryFiveSeconds()
    {
        using var app = new GatewayAppFactory();

        var storage = Assert.IsType<SQLiteStorage>(app.Services.GetRequiredService<JobStorage>());

        Assert.True(File.Exists(JobStorageFactory.SqliteFileBeside($"Data Source={app.DatabasePath}")));
        Assert.Contains(Path.GetFileName(JobStorageFactory.SqliteFileBeside($"Data Source={app.DatabasePath}")), storage.ToString());
        Assert.Equal(TimeSpan.FromSeconds(5), JobStorageFactory.SqliteOptions(new GatewayOptions()).QueuePollInterval);
    }

    [Fact]
    public void SmallServer_HasAFewWorkersAndPollsItsScheduleEveryFiveSeconds()
    {
        var server = new BackgroundJobServerOptions();

        JobsHostingExtensions.ConfigureServer(server, new GatewayOptions());

        Assert.Equal(2, server.WorkerCount);
        Assert.Equal(TimeSpan.FromSeconds(5), server.SchedulePollingInterval);
    }

    /// <summary>
    /// No SQL Server exists here: the SQL Server configuration is built and its DDL generated without connecting.
    /// Building the storage itself would connect (it installs its schema), so it is left to a real deployment.
    /// </summary>
    [Fact]
    public async Task SqlServerConfiguration_IsBuiltOffline_HangfireInItsOwnSchemaOfTheApplicationDatabase()
    {
        const string connectionString = "Server=tcp:127.0.0.1,1;Database=gateway;User Id=sa;Password=x;Encrypt=false;Connect Timeout=1";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration["Database:Provider"] = "SqlServer";
        builder.Configuration["ConnectionStrings:Gateway"] = connectionString;
        builder.Configuration["Security:KeyRing:KeyFilePath"] = GatewayAppFactory.SharedKeyFile;
        builder.AddGateway();
        await using var services = builder.Services.BuildServiceProvider();

        var database = services.GetRequiredService<DatabaseSettings>();
        Assert.Equal(DatabaseProvider.SqlServer, database.Provider);
        await using (var db = await services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal("Microsoft.EntityFrameworkCore.SqlServer", db.Database.ProviderName);
        }

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory?.Method.ReturnType == typeof(BackgroundJobServerHostedService));
        var options = JobStorageFactory.SqlServerOptions(services.GetRequiredService<IOptions<GatewayOptions>>().Value);
        Assert.Equal("hangfire", options.SchemaName);
        Assert.True(options.PrepareSchemaIfNecessary);
        Assert.Equal(TimeSpan.FromSeconds(5), options.QueuePollInterval);
        var ddl = SqlServerObjectsInstaller.GetInstallScript(options.SchemaName, enableHeavyMigrations: false);
        Assert.Contains("CREATE SCHEMA [hangfire]", ddl);
        Assert.Contains("[hangfire].[Job]", ddl);
        Assert.Contains("[hangfire].[JobQueue]", ddl);
    }
}
