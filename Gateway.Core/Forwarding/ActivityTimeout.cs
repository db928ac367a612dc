namespace Gateway.Core.Forwarding;

/// <summary>
/// One attempt's idle timeout (YARP <c>StreamCopier</c>'s activity timer): restarted before every upstream read and every
/// client write, it cancels whichever of the two is stuck; the client's own abort cancels it too. It turns the exception
/// of a failed read or write into an <see cref="AttemptError"/> that names the side. A restart only notes the time: the
/// timer, armed once, checks when it fires whether the attempt was idle all that while and otherwise waits the rest, so the
/// two restarts of every relayed event cost no timer operation.
/// </summary>
internal sealed class ActivityTimeout : IAsyncDisposable
{
    private readonly CancellationToken _client;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private CancellationTokenSource _source;
    private CancellationTokenRegistration _clientAbort;
    private long _lastActivity;
    private bool _timing;

    public ActivityTimeout(TimeSpan timeout, TimeProvider time, CancellationToken client)
    {
        _timeout = timeout;
        _time = time;
        _client = client;
        _timer = time.CreateTimer(static state => ((ActivityTimeout)state!).Expire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        (_source, _clientAbort) = Arm();
        Restarter = Restart;
    }

    /// <summary><see cref="Restart"/> as a callback, made once: a stream reader calls it before every read.</summary>
    public Action Restarter { get; }

    /// <summary>Cancelled when the attempt was idle too long or the client went away; read it for every operation.</summary>
    public CancellationToken Token => _source.Token;

    public bool ClientGone => _client.IsCancellationRequested;

    /// <summary>
    /// Starts the timeout again, before a read or a write. After it expired (and that failure was dealt with) it is armed
    /// anew, so the event that closes a stream cut by silence can still be written to a client that is there.
    /// </summary>
    public void Restart()
    {
        if (_source.IsCancellationRequested && !ClientGone)
        {
            _clientAbort.Dispose();
            (_source, _clientAbort) = Arm();
            _timing = false;
        }

        Volatile.Write(ref _lastActivity, _time.GetTimestamp());
        if (!_timing)
        {
            _timing = true;
            _timer.Change(_timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The exceptions a read or write ends with when its connection broke or its token was cancelled.</summary>
    public static bool IsBroken(Exception exception) => exception is OperationCanceledException or HttpRequestException or IOException;

    /// <param name="beforeHeaders">Whether the upstream had not answered yet (sending the request, waiting for headers).</param>
    public AttemptError UpstreamFailure(Exception exception, bool beforeHeaders) => (ClientGone, exception is OperationCanceledException, beforeHeaders) switch
    {
        (true, _, _) => AttemptError.ClientCanceled,
        (_, true, true) => AttemptError.UpstreamHeadersTimedOut,
        (_, true, false) => AttemptError.UpstreamReadTimedOut,
        (_, false, true) => AttemptError.UpstreamUnreachable,
        _ => AttemptError.UpstreamReadFailed,
    };

    public AttemptError ClientFailure(Exception exception) =>
        ClientGone ? AttemptError.ClientCanceled : exception is OperationCanceledException ? AttemptError.ClientWriteTimedOut : AttemptError.ClientWriteFailed;

    /// <summary>Waits for a firing timer to finish before the token's source goes away.</summary>
    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        _clientAbort.Dispose();
        _source.Dispose();
    }

    // The timer fired: idle the whole timeout since the last restart, or only part of it (then it waits the rest).
    private void Expire()
    {
        var idle = _time.GetElapsedTime(Volatile.Read(ref _lastActivity));
        if (idle < _timeout)
        {
            _timer.Change(_timeout - idle, Timeout.InfiniteTimeSpan);
            return;
        }

        _source.Cancel();
    }

    private (CancellationTokenSource, CancellationTokenRegistration) Arm()
    {
        var source = new CancellationTokenSource();
        return (source, _client.Register(static source => ((CancellationTokenSource)source!).Cancel(), source));
    }
}
