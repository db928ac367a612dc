namespace Gateway.Tests.Infrastructure;

/// <summary>Where the tests' <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/> clocks start: a fixed, recent instant.</summary>
internal static class TestClock
{
    public static DateTimeOffset Start { get; } = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
}
