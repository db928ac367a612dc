using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Core.Forwarding;

/// <summary>
/// The client's side of a committed stream: the SSE status and headers once, upstream events converted into the client's
/// protocol when the two differ, each batch written and flushed at once with the idle timeout restarted before the flush, and
/// the count of events given to the client so far (the sequence number a closing Responses error event needs).
/// </summary>
internal sealed class ClientEventStream
{
    private readonly AttemptContext _attempt;
    private readonly IStreamConverter? _converter;
    private readonly List<SseEvent> _batch = new(4);

    public ClientEventStream(AttemptContext attempt)
    {
        _attempt = attempt;
        _converter = attempt.Converter?.CreateStreamConverter();
        var http = attempt.Http;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private int _flushed;

    /// <summary>The events flushed and those queued for the next flush: an event queued now is sent after all of them.</summary>
    public int Count => _flushed + _batch.Count;

    /// <summary>Queues an upstream event (converted when needed) for the next <see cref="FlushAsync"/>.</summary>
    public void Add(SseEvent upstream)
    {
        if (_converter is null)
        {
            _batch.Add(upstream);
        }
        else
        {
            _converter.Convert(upstream, _batch);
        }
    }

    /// <summary>Queues an event that is already in the client's protocol.</summary>
    public void AddOwn(SseEvent clientEvent) => _batch.Add(clientEvent);

    /// <summary>
    /// A converted stream's closing events (its terminal events, or its own error when the upstream stopped short);
    /// false for a same-protocol stream, which the caller closes.
    /// </summary>
    public bool TryComplete()
    {
        _converter?.Complete(_batch);
        return _converter is not null;
    }

    public async ValueTask FlushAsync()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        // Encoded straight into the response's pipe, then sent with one flush: no copy and no write per event.
        var body = _attempt.Http.Response.BodyWriter;
        foreach (var sse in _batch)
        {
            SseWriter.Write(sse, body);
        }

        _attempt.Clock.MarkFirstByte();
        _attempt.Idle.Restart();
        await body.FlushAsync(_attempt.Idle.Token);
        _flushed += _batch.Count;
        _batch.Clear();
    }
}
