namespace Gateway.Tests.Resilience;

public sealed class ResilienceTelemetryTests
{
    [Fact]
    public void AWriteThatWorksAtOnce_LogsNothingAtInformation_WhileARetryStillWarns()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Information));
        services.AddOptions<GatewayOptions>().Configure(o => o.StorageWriteRetryDelay = TimeSpan.Zero);
        services.AddGatewayResilience();
        using var provider = services.BuildServiceProvider();
        var storageWrites = provider.GetRequiredKeyedService<ResiliencePipeline>(ResiliencePipelineNames.StorageWrite);
        var logs = provider.GetFakeLogCollector();

        storageWrites.Execute(() => { });
        Assert.Empty(logs.GetSnapshot());

        var tries = 0;
        storageWrites.Execute(() =>
        {
            if (++tries == 1)
            {
                throw new SqliteException("database is locked", 5);
            }
        });
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("OnRetry", StringComparison.Ordinal));
    }
}
