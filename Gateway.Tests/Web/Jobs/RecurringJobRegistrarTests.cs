namespace Gateway.Tests.Web.Jobs;

public sealed class RecurringJobRegistrarTests
{
    [Fact]
    public async Task StorageDownAtStartUp_IsRetriedWithAGrowingDelayUntilTheSchedulesAreRegistered()
    {
        var time = new CountingTimeProvider(TestClock.Start);
        var recurring = new FlakyRecurringJobs(failures: 4);
        using var registrar = new RecurringJobRegistrar(recurring, Microsoft.Extensions.Options.Options.Create(new GatewayOptions()), time, NullLogger<RecurringJobRegistrar>.Instance);

        // Two failed rounds: the first retry after the first delay, the second after twice that.
        var firstDelay = time.OneShotArmed(RecurringJobRegistrar.FirstRetryDelay);
        await registrar.StartAsync(default);
        await firstDelay.WaitAsync(TimeSpan.FromSeconds(30));
        var secondDelay = time.OneShotArmed(RecurringJobRegistrar.FirstRetryDelay * 2);
        time.Advance(RecurringJobRegistrar.FirstRetryDelay);
        await secondDelay.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(RecurringJobRegistrar.FirstRetryDelay * 2);

        await registrar.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(7, recurring.Attempts);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [JobNames.CooldownExpiry] = "* * * * *",
                [JobNames.UsageRetention] = "30 3 * * *",
                [JobNames.ResponseStoreRetention] = "15 * * * *",
            },
            recurring.Registered);
    }

    /// <summary>Recurring-job storage that is down for the first <c>failures</c> calls.</summary>
    private sealed class FlakyRecurringJobs(int failures) : IRecurringJobManager
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public Dictionary<string, string> Registered { get; } = [];

        public void AddOrUpdate(string recurringJobId, Job job, string cronExpression, RecurringJobOptions options)
        {
            if (Interlocked.Increment(ref _attempts) <= failures)
            {
                throw new TimeoutException("The job storage did not answer.");
            }

            Assert.Equal(TimeZoneInfo.Utc, options.TimeZone);
            Registered[recurringJobId] = cronExpression;
        }

        public void Trigger(string recurringJobId) => throw new NotSupportedException();

        public void RemoveIfExists(string recurringJobId) => throw new NotSupportedException();
    }
}
