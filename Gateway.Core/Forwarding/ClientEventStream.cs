using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Core.Forwarding;

/// <summary>
/// The client's side of a committed stream: the SSE status and headers once, upstream events converted into the client's
/// protocol when the two differ (else naming the client's model, when mapped), each event encoded into the response's
/// pipe as it is added (no copy and no list of its own), each batch sent with one flush with the idle timeout restarted
/// before it, and the count of events given to the client so far (the sequence number a closing Responses error event
/// needs).
/// </summary>
internal sealed class ClientEventStream
{
    private readonly AttemptContext _attempt;
    private readonly IStreamConverter? _converter;
    private readonly PipeWriter _body;

    // What the converter makes of one upstream event, written out at once.
    private readonly List<SseEvent> _converted = [];
    private int _written;
    private int _unflushed;

    public ClientEventStream(AttemptContext attempt)
    {
        _attempt = attempt;
        _converter = attempt.Converter?.CreateStreamConverter();
        Begin(attempt.Http);
        _body = attempt.Http.Response.BodyWriter;
    }

    /// <summary>Starts an event stream to the client: 200, no caching, and no buffering on the way (a proxy such as nginx is told too).</summary>
    public static void Begin(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    /// <summary>The events given to the client, flushed or waiting for the next flush: an event added now is sent after all of them.</summary>
    public int Count => _written;

    /// <summary>Adds an upstream event (converted when needed) for the next <see cref="FlushAsync"/>; its bytes are not kept.</summary>
    public void Add(SseEvent upstream)
    {
        if (_converter is null)
        {
            Write(_attempt.ModelName?.Rename(upstream) ?? upstream);
        }
        else
        {
            _converter.Convert(upstream, _converted);
            WriteConverted();
        }
    }

    /// <summary>Adds an event that is already in the client's protocol.</summary>
    public void AddOwn(SseEvent clientEvent) => Write(clientEvent);

    /// <summary>
    /// A converted stream's closing events (its terminal events, or its own error when the upstream stopped short);
    /// false for a same-protocol stream, which the caller closes.
    /// </summary>
    public bool TryComplete()
    {
        if (_converter is null)
        {
            return false;
        }

        _converter.Complete(_converted);
        WriteConverted();
        return true;
    }

    public async ValueTask FlushAsync()
    {
        if (_unflushed == 0)
        {
            return;
        }

        _unflushed = 0;
        _attempt.Clock.MarkFirstByte();
        _attempt.Idle.Restart();
        await _body.FlushAsync(_attempt.Idle.Token);
    }

    private void WriteConverted()
    {
        foreach (var sse in _converted)
        {
            Write(sse);
        }

        _converted.Clear();
    }

    private void Write(SseEvent sse)
    {
        SseWriter.Write(sse, _body);
        _written++;
        _unflushed++;
    }
}
