namespace Gateway.Tests.Web.Hosting;

/// <summary>The runtime settings the gateway's build gives its host (the runtimeconfig.json written beside it).</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void TheGateway_RunsServerGc_WithACappedGen0Budget_AndThreadPoolWorkersThatDoNotSpin()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Gateway.Web.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllBytes(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(16 * 1024 * 1024, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
