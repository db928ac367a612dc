using System.Collections.Immutable;

namespace Gateway.Tests.Accounts;

/// <summary>A snapshot read that began before this process wrote an account's state must not undo that write.</summary>
public class AccountRuntimeSnapshotTests
{
    private static readonly DateTime Until = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void SnapshotReadBeforeTheLastWrite_IsSkippedSoAFreshSuspensionAndCooldownSurvive()
    {
        var runtime = Written(generation: 5);

        runtime.ApplySnapshot(Row(cooldownUntil: null), new AccountSecret(), ImmutableDictionary<string, DateTime>.Empty, readGeneration: 4);

        Assert.True(runtime.IsSuspended("vendor-large", Until.AddHours(-1)));
        Assert.Equal(Until, runtime.Account.CooldownUntil);
    }

    [Fact]
    public void SnapshotReadAfterTheLastWrite_IsApplied()
    {
        var runtime = Written(generation: 5);

        runtime.ApplySnapshot(Row(cooldownUntil: null), new AccountSecret(), ImmutableDictionary<string, DateTime>.Empty, readGeneration: 6);

        Assert.False(runtime.IsSuspended("vendor-large", Until.AddHours(-1)));
        Assert.Null(runtime.Account.CooldownUntil);
    }

    [Fact]
    public async Task SnapshotArrivingWhileAWriteIsInProgress_IsSkipped()
    {
        var runtime = Written(generation: 0);
        await runtime.StateLock.WaitAsync();
        try
        {
            runtime.ApplySnapshot(Row(cooldownUntil: null), new AccountSecret(), ImmutableDictionary<string, DateTime>.Empty, readGeneration: 9);
        }
        finally
        {
            runtime.StateLock.Release();
        }

        Assert.Equal(Until, runtime.Account.CooldownUntil);
    }

    private static AccountRuntime Written(long generation)
    {
        var runtime = new AccountRuntime(Row(cooldownUntil: Until), new AccountSecret(), ImmutableDictionary<string, DateTime>.Empty.Add("vendor-large", Until));
        runtime.MarkWritten(generation);
        return runtime;
    }

    private static Account Row(DateTime? cooldownUntil) =>
        new() { Id = 1, Name = "a", BaseUrl = "https://a.test", CooldownUntil = cooldownUntil };
}
