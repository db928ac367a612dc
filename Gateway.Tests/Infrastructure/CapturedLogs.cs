using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Infrastructure;

/// <summary>Server log entries at error level or above (unhandled exceptions among them), so tests can assert there were none.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _problems = new();

    /// <summary>Every error and critical entry, with its exception.</summary>
    public IReadOnlyCollection<string> Problems => [.. _problems];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _problems);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> problems) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Lower levels may carry expected exceptions, e.g. a probe of an unreachable upstream.
            if (IsEnabled(logLevel))
            {
                problems.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
