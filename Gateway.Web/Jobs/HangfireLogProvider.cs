using Hangfire.Logging;

namespace Gateway.Web.Jobs;

/// <summary>
/// Hangfire's log provider over this host's logger factory. Hangfire keeps one provider per process and
/// its components ask it for loggers as they are built; where several hosts share a process (the tests),
/// the current provider may belong to a host that has shut down, whose disposed factory throws: such a
/// logger stays silent instead of breaking the component that asked.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
