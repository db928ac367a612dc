namespace Gateway.Tests.Infrastructure;

/// <summary>Tests that each run on a gateway of their own (xUnit creates the class once per test), disposed after the test.</summary>
public abstract class GatewayPerTest : IDisposable
{
    protected GatewayAppFactory App { get; } = new();

    public void Dispose()
    {
        App.Dispose();
        GC.SuppressFinalize(this);
    }
}
