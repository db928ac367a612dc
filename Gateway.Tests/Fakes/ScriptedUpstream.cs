namespace Gateway.Tests.Fakes;

/// <summary>
/// A fake upstream provider on a real loopback port. Each path gets a script of replies served in order
/// (the last one repeats); unknown paths answer 404. Every request is recorded with its headers and body,
/// and whether the gateway aborted it.
/// </summary>
public sealed class ScriptedUpstream : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Script> _scripts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private WebApplication? _app;
    private int _inFlight;
    private int _maxInFlight;

    private ScriptedUpstream()
    {
    }

    /// <summary>The provider root to store as an account's base URL, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>The most requests this fake was serving at the same time.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxInFlight);

    public static async Task<ScriptedUpstream> StartAsync()
    {
        var upstream = new ScriptedUpstream();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        upstream._app = app;
        upstream.BaseUrl = app.Urls.First().TrimEnd('/');
        return upstream;
    }

    /// <summary>Serves <paramref name="replies"/> in order for <paramref name="path"/>; the last one repeats.</summary>
    public ScriptedUpstream On(string path, params UpstreamReply[] replies)
    {
        _scripts[path] = new Script(replies);
        return this;
    }

    /// <summary>Requests received on <paramref name="path"/>, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> RequestsTo(string path) =>
        [.. _received.Where(r => string.Equals(r.Path, path, StringComparison.OrdinalIgnoreCase))];

    public int CountTo(string path) => RequestsTo(path).Count;

    /// <summary>Completes once <paramref name="path"/> has received a request, e.g. one the test means to cut short.</summary>
    public Task ReceivedAsync(string path, string what) => Eventually.TrueAsync(() => Task.FromResult(CountTo(path) > 0), what);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        int max;
        while (inFlight > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max)
        {
        }

        try
        {
            await HandleRequestAsync(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? "", headers, body) { Query = context.Request.QueryString.Value ?? "" };
        _received.Enqueue(request);

        try
        {
            if (!_scripts.TryGetValue(request.Path, out var script))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("""{"error":{"message":"Not found","type":"invalid_request_error","code":"not_found"}}""");
                return;
            }

            await WriteAsync(context, request, script.Next());
        }
        catch (OperationCanceledException)
        {
            // The gateway went away; recorded below.
        }
        catch (IOException)
        {
        }
        finally
        {
            request.Finish(context.RequestAborted.IsCancellationRequested);
        }
    }

    private static async Task WriteAsync(HttpContext context, ReceivedRequest request, UpstreamReply reply)
    {
        var ct = context.RequestAborted;
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, ct);
        }

        if (reply.HeldUntil is { } held)
        {
            await held.WaitAsync(ct);
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        // Broken off after what it sends: the head announces a byte more than that, so the answer ends short on a clean
        // close after every byte sent has arrived (an abort resets the connection, and bytes not yet read are lost with it).
        var body = reply.RawBody ?? (reply.Body is null ? null : Encoding.UTF8.GetBytes(reply.Body));
        var sending = reply.Events?.Sum(e => Encoding.UTF8.GetByteCount(e.Raw)) ?? body?.Length;
        if (reply.AbortAfterSending && sending is { } length)
        {
            context.Response.ContentLength = length + 1;
        }

        if (reply.Events is null)
        {
            context.Response.ContentType = reply.ContentType;
            if (body is not null)
            {
                await context.Response.Body.WriteAsync(body, ct);
            }

            // A body the reply holds open or breaks off behind is sent now; any other goes out as the response ends.
            if (body is not null && (reply.HoldOpenAfterSending > TimeSpan.Zero || reply.AbortAfterSending))
            {
                await context.Response.Body.FlushAsync(ct);
            }
        }
        else
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.Body.FlushAsync(ct);
            foreach (var step in reply.Events)
            {
                if (step.DelayBefore > TimeSpan.Zero)
                {
                    await Task.Delay(step.DelayBefore, ct);
                }

                await context.Response.WriteAsync(step.Raw, ct);
                await context.Response.Body.FlushAsync(ct);
            }
        }

        request.MarkSent();

        if (reply.HoldOpenAfterSending > TimeSpan.Zero)
        {
            await Task.Delay(reply.HoldOpenAfterSending, ct);
        }

        // With nothing to send, the connection breaks before the head.
        if (reply.AbortAfterSending && sending is null)
        {
            context.Abort();
        }
    }

    private sealed class Script(UpstreamReply[] replies)
    {
        private int _next = -1;

        public UpstreamReply Next() => replies[Math.Min(Interlocked.Increment(ref _next), replies.Length - 1)];
    }
}

/// <summary>A request the fake upstream received.</summary>
public sealed class ReceivedRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body)
{
    private readonly TaskCompletionSource<bool> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Method { get; } = method;

    public string Path { get; } = path;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public string Body { get; } = body;

    /// <summary>The query string, with its <c>?</c>, or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>Completes when the fake finished the request: true if the gateway aborted it first.</summary>
    public Task<bool> Aborted => _finished.Task;

    /// <summary>Completes when the reply's head and every scripted event or its body have been written (flushed when it is held open).</summary>
    public Task Sent => _sent.Task;

    internal void Finish(bool aborted) => _finished.TrySetResult(aborted);

    internal void MarkSent() => _sent.TrySetResult();
}
