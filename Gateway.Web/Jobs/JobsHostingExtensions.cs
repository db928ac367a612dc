using Gateway.Core.Accounts;
using Gateway.Core.Jobs;
using Gateway.Core.Persistence;
using Gateway.Core.Probes;
using Gateway.Core.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace Gateway.Web.Jobs;

/// <summary>
/// Quartz.NET with its persistent ADO.NET job store in the application database (SQLite by default; SQL
/// Server clustered, so several gateway instances share one schedule), the three jobs, run recording and
/// the probe queue.
/// </summary>
internal static class JobsHostingExtensions
{
    public const string SchedulerName = "gateway";

    // SPEC 6: cooldowns are checked every minute, on the minute.
    private const string EveryMinute = "0 * * * * ?";

    public static WebApplicationBuilder AddGatewayJobs(this WebApplicationBuilder builder)
    {
        var database = DatabaseSettings.From(builder.Configuration["Database:Provider"], builder.Configuration.GetConnectionString("Gateway"), builder.Environment.ContentRootPath);
        var services = builder.Services;
        services.AddCapabilityProbe();
        services.AddSingleton<CooldownExpiry>();
        services.AddSingleton<DataRetention>();
        services.AddSingleton<JobRunRecorder>();
        services.AddSingleton<CapabilityProbeQueue>();
        services.AddSingleton<IAccountChangeListener>(sp => sp.GetRequiredService<CapabilityProbeQueue>());
        services.AddSingleton<JobsDashboardService>();

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            q.UsePersistentStore(store => ConfigureStore(store, database));
            q.AddJob<CapabilityProbeJob>(j => j.WithIdentity(JobNames.CapabilityProbe).StoreDurably(true).RequestRecovery(true)
                .WithDescription("Probes an account's upstream for Responses API support."));
            q.AddJob<CooldownExpiryJob>(j => j.WithIdentity(JobNames.CooldownExpiry).StoreDurably(true)
                .WithDescription("Ends expired cooldowns, model suspensions and endpoint-cache entries."));
            q.AddJob<UsageRetentionJob>(j => j.WithIdentity(JobNames.UsageRetention).StoreDurably(true)
                .WithDescription("Deletes usage logs and job runs past their retention."));
            q.AddTrigger(t => t.ForJob(JobNames.CooldownExpiry).WithIdentity("every-minute", JobNames.CooldownExpiry)
                .WithCronSchedule(EveryMinute, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
            q.AddTrigger((sp, t) => t.ForJob(JobNames.UsageRetention).WithIdentity("daily", JobNames.UsageRetention)
                .WithCronSchedule(
                    sp.GetRequiredService<IOptions<GatewayOptions>>().Value.UsageRetentionSchedule,
                    c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJobListener<JobRunRecorder>(sp => sp.GetRequiredService<JobRunRecorder>());
        });
        services.Configure<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);

        // Reported on /readyz as Degraded, never Unhealthy: a stalled scheduler must not take the API out of rotation.
        services.AddHealthChecks().AddQuartz(o =>
        {
            o.Tags.Add("ready");
            o.FailureStatus = HealthStatus.Degraded;
            o.StandbyStatus = HealthStatus.Degraded;
        });
        return builder;
    }

    /// <summary>The job store in the application database; tables are created at start-up when missing.</summary>
    internal static void ConfigureStore(IPersistentStoreBuilder store, DatabaseSettings database)
    {
        store.ProvisionSchema();
        store.UseSystemTextJsonSerializer(_ => { });
        store.ConfigureStore(o => o.StoreJobDataAsStrings = true);
        var factory = DatabaseProviderFactories.For(database.Provider);
        if (database.Provider == DatabaseProvider.SqlServer)
        {
            store.UseSqlServer(factory, database.ConnectionString);
            store.UseClustering(_ => { });
        }
        else
        {
            // SQLite is one file for one process: Quartz refuses clustering on it.
            store.UseSqlite(factory, database.ConnectionString);
        }
    }
}
