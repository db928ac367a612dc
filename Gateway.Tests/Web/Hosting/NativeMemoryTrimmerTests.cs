using System.Runtime.InteropServices;
using System.Threading.Channels;
using Gateway.Web.Hosting;

namespace Gateway.Tests.Web.Hosting;

public sealed class NativeMemoryTrimmerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _clock = new(TestClock.Start);
    private readonly FakeLogger<NativeMemoryTrimmer> _logger = new();
    private readonly Channel<DateTimeOffset> _trims = Channel.CreateUnbounded<DateTimeOffset>();

    private NativeMemoryTrimmer Trimmer(TimeSpan interval, Action? trim = null) =>
        new(_clock, Microsoft.Extensions.Options.Options.Create(new GatewayOptions { NativeMemoryTrimInterval = interval }), _logger,
            trim ?? (() => _trims.Writer.TryWrite(_clock.GetUtcNow())));

    [Fact]
    public async Task Trims_OnceEveryInterval_AndStopsWithTheHost()
    {
        using var trimmer = Trimmer(Interval);
        await trimmer.StartAsync(CancellationToken.None);

        // Each trim is stamped with the fake time it ran at: none came before its interval was up.
        _clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TestClock.Start + Interval, await NextTrimAsync());
        _clock.Advance(Interval);
        Assert.Equal(TestClock.Start + (2 * Interval), await NextTrimAsync());

        await trimmer.StopAsync(CancellationToken.None);
        Assert.True(trimmer.ExecuteTask!.IsCompletedSuccessfully);
        _clock.Advance(Interval);
        Assert.False(_trims.Reader.TryRead(out _));
    }

    [Fact]
    public async Task AZeroInterval_NeverTrims()
    {
        using var trimmer = Trimmer(TimeSpan.Zero);
        await trimmer.StartAsync(CancellationToken.None);

        await trimmer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.False(_trims.Reader.TryRead(out _));
    }

    [Fact]
    public async Task ACLibraryWithoutTheCall_IsNotedOnce_AndNotTriedAgain()
    {
        var calls = 0;
        using var trimmer = Trimmer(Interval, () =>
        {
            calls++;
            throw new EntryPointNotFoundException("malloc_trim");
        });
        await trimmer.StartAsync(CancellationToken.None);

        _clock.Advance(Interval);
        await trimmer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        _clock.Advance(10 * Interval);

        Assert.Equal(1, calls);
        Assert.Equal("The C library has no malloc_trim: freed native memory is left to it", Assert.Single(_logger.Collector.GetSnapshot()).Message);
    }

    [Fact]
    public void TheRealTrim_RunsOnGlibc_AndIsRefusedAsMissingElsewhere()
    {
        var glibc = OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal);

        var refused = Record.Exception(NativeMemoryTrimmer.MallocTrim);

        if (glibc)
        {
            Assert.Null(refused);
        }
        else
        {
            Assert.IsType<EntryPointNotFoundException>(refused);
        }
    }

    private async Task<DateTimeOffset> NextTrimAsync() => await _trims.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
