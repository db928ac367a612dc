using System.Net;

namespace Gateway.Tests.Persistence;

public sealed class SocketEventThreadGuardTests : IDisposable
{
    private TestDatabase? _database;

    public void Dispose() => _database?.Dispose();

    [Fact]
    public async Task AQueryMadeOnASocketEventThread_RunsOnTheThreadPool_AndItsCallerGoesOnThere()
    {
        _database = await TestDatabase.CreateAsync();

        var after = await OnThreadNamed(SocketEventThreads.ThreadName, _database);

        Assert.Equal((true, 0), after);
    }

    [Fact]
    public async Task AQueryMadeOnAnyOtherThread_StaysOnIt()
    {
        _database = await TestDatabase.CreateAsync();

        var after = await OnThreadNamed("usage writer", _database);

        Assert.Equal((false, 0), after);
    }

    [Fact]
    public async Task TheRuntimesSocketEventThreads_CarryTheNameTheGuardLooksFor()
    {
        // Asynchronous socket calls: the runtime starts its event threads for the first one, if no test did before.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!);
        using var server = await listener.AcceptAsync();

        var names = Directory.GetDirectories("/proc/self/task").Select(task => File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'));

        Assert.Contains(SocketEventThreads.ThreadName, names);
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    public void TheGatewayRunsCompletionsInline_UnlessTheEnvironmentSaysOtherwise(string? set, string expected)
    {
        var before = Environment.GetEnvironmentVariable(SocketEventThreads.InlineCompletionsVariable);
        try
        {
            Environment.SetEnvironmentVariable(SocketEventThreads.InlineCompletionsVariable, set);

            SocketEventThreads.RunCompletionsInline();

            Assert.Equal(expected, Environment.GetEnvironmentVariable(SocketEventThreads.InlineCompletionsVariable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SocketEventThreads.InlineCompletionsVariable, before);
        }
    }

    /// <summary>
    /// Starts a count of the accounts on a new thread of that name; answers whether the code after the query ran on the
    /// thread pool, and the count.
    /// </summary>
    private static Task<(bool OnThreadPool, int Accounts)> OnThreadNamed(string name, TestDatabase database)
    {
        var after = new TaskCompletionSource<(bool, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => _ = CountAsync()) { Name = name };
        thread.Start();
        thread.Join();
        return after.Task;

        async Task CountAsync()
        {
            try
            {
                await using var db = database.CreateDbContext();
                var accounts = await db.Accounts.CountAsync();
                after.SetResult((Thread.CurrentThread.IsThreadPoolThread, accounts));
            }
            catch (Exception ex)
            {
                after.SetException(ex);
            }
        }
    }
}
