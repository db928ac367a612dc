namespace Gateway.Tests.Web.Console.Fakes;

/// <summary>Records the console's probe and test requests and answers every test with <see cref="Result"/>.</summary>
public sealed class FakeAccountActions : IAccountActions
{
    public ConnectionTestResult Result { get; set; } = new(true, 200, 42, "HTTP 200 OK", "gpt-4o-mini", "pong", ApiProtocol.Chat);

    public List<long> Reprobed { get; } = [];

    /// <summary>Every test run: the stored account or the draft, the protocol and the model asked for.</summary>
    public List<(long? AccountId, ConnectionDraft? Draft, ApiProtocol Protocol, string? Model)> Tests { get; } = [];

    public Task ReprobeAsync(long accountId, string actor, CancellationToken ct)
    {
        Reprobed.Add(accountId);
        return Task.CompletedTask;
    }

    public Task<ConnectionTestResult?> TestAsync(long accountId, ApiProtocol protocol, string? model, CancellationToken ct)
    {
        Tests.Add((accountId, null, protocol, model));
        return Task.FromResult<ConnectionTestResult?>(Result);
    }

    public Task<ConnectionTestResult> TestAsync(ConnectionDraft draft, ApiProtocol protocol, string? model, CancellationToken ct)
    {
        Tests.Add((null, draft, protocol, model));
        return Task.FromResult(Result);
    }
}
