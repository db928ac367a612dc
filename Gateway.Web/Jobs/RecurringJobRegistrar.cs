namespace Gateway.Web.Jobs;

/// <summary>
/// Registers (or updates) the recurring jobs in Hangfire's storage once the host runs. A storage that cannot be
/// reached is logged and tried again with a growing delay, so a database that is down at start-up delays the
/// schedules instead of stopping the host. The schedules themselves were checked at start-up (<see cref="JobScheduleValidator"/>).
/// </summary>
internal sealed partial class RecurringJobRegistrar(
    IRecurringJobManager recurring,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<RecurringJobRegistrar> logger) : BackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = JobCatalog.All.Where(j => j.Cron(options.Value) is not null).ToList();
        var delay = FirstRetryDelay;
        while (true)
        {
            pending.RemoveAll(TryRegister);
            if (pending.Count == 0)
            {
                return;
            }

            LogRetrying(pending.Count, delay);
            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    /// <summary>True when the job is registered.</summary>
    private bool TryRegister(JobDefinition job)
    {
        var cron = job.Cron(options.Value)!;
        try
        {
            recurring.AddOrUpdate(job.Name, job.RunNow, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            LogRegistered(job.Name, cron);
            return true;
        }
        catch (Exception ex)
        {
            LogRegistrationFailed(ex, job.Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring job {Job} scheduled at '{Cron}' (UTC)")]
    private partial void LogRegistered(string job, string cron);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register recurring job {Job}: the job storage is unavailable")]
    private partial void LogRegistrationFailed(Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} recurring job(s) not registered yet; trying again in {Delay}")]
    private partial void LogRetrying(int count, TimeSpan delay);
}
