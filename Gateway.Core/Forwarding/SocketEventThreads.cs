namespace Gateway.Core.Forwarding;

/// <summary>
/// The runtime's socket event threads, which wait on epoll for every socket's readiness. By default each completion
/// they see is handed to a thread-pool worker, a thread switch for each read of a client's request and of an
/// upstream's answer; nginx's event loop never pays it. The gateway runs the completions on the event threads
/// instead (<c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, one event thread per core): Kestrel still hands a
/// client's bytes to the thread pool, but the gateway's code after an upstream read goes on on the event thread.
/// Nothing may block there: database work moves to the thread pool first (<see cref="Persistence.SocketEventThreadGuard"/>).
/// Under the non-stream load at 64 connections this cut the CPU per request by about 15% (docs/operations.md).
/// </summary>
public static class SocketEventThreads
{
    /// <summary>The switch the runtime reads when it starts its first socket event thread.</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>The name System.Net.Sockets gives its event threads.</summary>
    public const string ThreadName = ".NET Sockets";

    /// <summary>True on a socket event thread, where nothing may block.</summary>
    public static bool IsCurrent => !Thread.CurrentThread.IsThreadPoolThread && Thread.CurrentThread.Name == ThreadName;

    /// <summary>
    /// Runs socket completions on the event threads, unless the environment already says otherwise (an operator's
    /// <c>0</c> keeps the runtime's hand-off). Must run before the process's first asynchronous socket call.
    /// </summary>
    public static void RunCompletionsInline()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletionsVariable) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
        }
    }
}
