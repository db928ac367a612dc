namespace Gateway.Tests.Web.Console;

public sealed class SharedReadTests
{
    private readonly FakeTimeProvider _time = new();
    private int _reads;

    [Theory]
    [InlineData(0, 2)]
    [InlineData(3, 30)]
    public async Task PagesAskingWhileAReadIsFresh_ShareIt_ForTheTimeGivenOrTenTimesAsLongAsItTook(double readSeconds, double freshSeconds)
    {
        var shared = new SharedRead<int>(_time, TimeSpan.FromSeconds(2));
        Task<int> ReadAsync(CancellationToken ct)
        {
            _time.Advance(TimeSpan.FromSeconds(readSeconds));
            return CountAsync(ct);
        }

        Assert.Equal(new[] { 1, 1, 1 }, await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => shared.GetAsync(ReadAsync, CancellationToken.None))));
        _time.Advance(TimeSpan.FromSeconds(freshSeconds - 0.1));
        Assert.Equal(1, await shared.GetAsync(ReadAsync, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(2, await shared.GetAsync(ReadAsync, CancellationToken.None));
    }

    [Fact]
    public async Task AFailedRead_IsNotKept_TheNextAskReads()
    {
        var shared = new SharedRead<int>(_time, TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => shared.GetAsync(_ => throw new InvalidOperationException("database gone"), CancellationToken.None));

        Assert.Equal(1, await shared.GetAsync(CountAsync, CancellationToken.None));
    }

    private Task<int> CountAsync(CancellationToken ct) => Task.FromResult(Interlocked.Increment(ref _reads));
}
