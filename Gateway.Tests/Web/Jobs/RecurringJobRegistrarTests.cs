namespace Gateway.Tests.Web.Jobs;

public sealed class RecurringJobRegistrarTests
{
    [Fact]
    public async Task StorageDownAtStartUp_IsRetriedWithAGrowingDelayUntilTheSchedulesAreRegistered()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var recurring = new FlakyRecurringJobs(failures: 4);
        using var registrar = new RecurringJobRegistrar(recurring, Microsoft.Extensions.Options.Options.Create(new GatewayOptions()), time, NullLogger<RecurringJobRegistrar>.Instance);

        await registrar.StartAsync(default);
        for (var step = 0; step < 600 && !registrar.ExecuteTask!.IsCompleted; step++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.True(registrar.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(7, recurring.Attempts);
        Assert.Equal(
            new Dictionary<string, string>
            {
                [JobNames.CooldownExpiry] = "* * * * *",
                [JobNames.UsageRetention] = "30 3 * * *",
                [JobNames.ResponseStoreRetention] = "15 * * * *",
            },
            recurring.Registered);

        // Two failed rounds: the first retry after the first delay, the second after twice that.
        Assert.True(time.GetUtcNow() - start >= RecurringJobRegistrar.FirstRetryDelay * 3);
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
