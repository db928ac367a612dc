using Gateway.Core.Protocols;
using Gateway.Core.Protocols.Sse;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Core.Forwarding;

/// <summary>
/// The client's side of a committed stream: the SSE status and headers once, upstream events converted into the client's
/// protocol when the two differ, each batch written and flushed with the idle timeout restarted before every write, and
/// the count of events sent (the sequence number a closing Responses error event needs).
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

    public int Sent { get; private set; }

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

        var idle = _attempt.Idle;
        foreach (var sse in _batch)
        {
            idle.Restart();
            await _attempt.ClientBody.WriteAsync(SseWriter.Encode(sse), idle.Token);
        }

        _attempt.Clock.MarkFirstByte();
        idle.Restart();
        await _attempt.ClientBody.FlushAsync(idle.Token);
        Sent += _batch.Count;
        _batch.Clear();
    }
}
