namespace Gateway.Tests.Infrastructure;

/// <summary>Server log entries, so tests can assert that no exception (or no secret) was logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Errors and every entry that carries an exception, but for a browser that had already left (see <see cref="Logger"/>).</summary>
    public IReadOnlyCollection<string> Problems => [.. _problems];

    /// <summary>Every entry at information level or above, formatted, with its exception.</summary>
    public IReadOnlyCollection<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _problems, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> problems, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The framework does not ask a provider's IsEnabled before calling Log: filter here too.
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var entry = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            entries.Enqueue(entry);
            if ((logLevel >= LogLevel.Error || (logLevel >= LogLevel.Warning && exception is not null)) && !LeftBrowser(exception))
            {
                problems.Enqueue(entry);
            }
        }

        // A component's JavaScript call that raced its page being left (MudBlazor's charts call after every render): the
        // circuit is being torn down and nobody is there to tell. Blazor logs it as an error, yet it is not one.
        private static bool LeftBrowser(Exception? exception) => exception is Microsoft.JSInterop.JSDisconnectedException;
    }
}
