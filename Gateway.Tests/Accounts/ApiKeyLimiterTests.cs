namespace Gateway.Tests.Accounts;

public class ApiKeyLimiterTests
{
    [Fact]
    public void RequestsPerMinute_RefusesOverTheLimitAndResetsWithTheNextMinute()
    {
        var time = new FakeTimeProvider(TestClock.Start);
        var limiter = new ApiKeyLimiter(time);
        var key = new ApiKeyIdentity(1, 1, null, null, RequestsPerMinute: 2);

        limiter.TryEnter(key, out _)!.Dispose();
        limiter.TryEnter(key, out _)!.Dispose();
        var third = limiter.TryEnter(key, out var refusal);
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(third);
        Assert.Contains("2 requests per minute", refusal);
        Assert.NotNull(limiter.TryEnter(key, out _));
    }

    [Fact]
    public void ConcurrencyLimit_FreesASlotWhenARequestEnds()
    {
        var limiter = new ApiKeyLimiter(new FakeTimeProvider(TestClock.Start));
        var key = new ApiKeyIdentity(1, 1, null, ConcurrencyLimit: 1, null);

        var first = limiter.TryEnter(key, out _);
        var second = limiter.TryEnter(key, out _);
        first!.Dispose();
        first.Dispose();

        Assert.Null(second);
        Assert.NotNull(limiter.TryEnter(key, out _));
        Assert.Null(limiter.TryEnter(key, out _));
    }

    [Fact]
    public void KeysWithoutLimits_AreNeverRefused()
    {
        var limiter = new ApiKeyLimiter(new FakeTimeProvider(TestClock.Start));
        var key = new ApiKeyIdentity(1, 1, null, null, null);

        for (var i = 0; i < 100; i++)
        {
            Assert.NotNull(limiter.TryEnter(key, out var refusal));
            Assert.Null(refusal);
        }
    }
}
