using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Infrastructure;

/// <summary>Server log entries at warning level or above, so tests can assert that no exception was logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _problems = new();

    /// <summary>Errors and every entry that carries an exception.</summary>
    public IReadOnlyCollection<string> Problems => [.. _problems];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _problems);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> problems) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The framework does not ask a provider's IsEnabled before calling Log: filter here too.
            if (IsEnabled(logLevel) && (logLevel >= LogLevel.Error || exception is not null))
            {
                problems.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
