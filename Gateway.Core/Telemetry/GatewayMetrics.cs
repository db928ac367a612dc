using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Gateway.Core.Telemetry;

/// <summary>
/// The gateway's instruments (System.Diagnostics.Metrics, meter <see cref="MeterName"/>): served at
/// <c>/metrics</c> in Prometheus text format and exportable over OTLP, both through OpenTelemetry. Every caller
/// records through these methods so names and tags stay consistent.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Gateway";

    // Histogram bucket bounds in seconds, from fast first tokens to five-minute generations.
    private static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _sameAccountRetries;
    private readonly Counter<long> _protocolSwitches;
    private readonly Counter<long> _cooldowns;
    private readonly Counter<long> _jobRuns;
    private readonly Counter<long> _usageRowsDropped;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstToken;
    private Func<int> _coolingAccounts = () => 0;
    private Func<int> _inFlight = () => 0;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("gateway.requests", "{request}", "Client requests by endpoint and final status.");
        _failures = _meter.CreateCounter<long>("gateway.upstream.failures", "{failure}", "Failed upstream attempts by failure class.");
        _failovers = _meter.CreateCounter<long>("gateway.failovers", "{switch}", "Switches to another account.");
        _sameAccountRetries = _meter.CreateCounter<long>("gateway.same_account_retries", "{retry}", "Pool-mode retries on the same account.");
        _protocolSwitches = _meter.CreateCounter<long>("gateway.protocol_switches", "{switch}", "Switches to the other upstream protocol on the same account.");
        _cooldowns = _meter.CreateCounter<long>("gateway.cooldowns", "{cooldown}", "Cooldowns started, by reason.");
        _jobRuns = _meter.CreateCounter<long>("gateway.job_runs", "{run}", "Background job runs by job and outcome.");
        _usageRowsDropped = _meter.CreateCounter<long>("gateway.usage.dropped", "{row}", "Usage rows lost: dropped from a full queue or refused by the database.");
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets };
        _duration = _meter.CreateHistogram("gateway.request.duration", "s", "Time from request to last byte.", tags: null, seconds);
        _timeToFirstToken = _meter.CreateHistogram("gateway.time_to_first_token", "s", "Time from request to the first byte sent to the client.", tags: null, seconds);
        _meter.CreateObservableGauge("gateway.accounts.cooling", () => _coolingAccounts(), "{account}", "Accounts currently cooling down.");
        _meter.CreateObservableGauge("gateway.accounts.in_flight", () => _inFlight(), "{request}", "Requests holding one of an account's concurrency slots.");
    }

    /// <summary>Tells the account gauges where to read their values: accounts cooling down, and requests holding an account's slot.</summary>
    public void ObserveAccounts(Func<int> cooling, Func<int> inFlight)
    {
        _coolingAccounts = cooling;
        _inFlight = inFlight;
    }

    public void RequestCompleted(string endpoint, int status, TimeSpan duration)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "status", status } };
        _requests.Add(1, tags);
        _duration.Record(duration.TotalSeconds, new TagList { { "endpoint", endpoint } });
    }

    public void FirstToken(string endpoint, TimeSpan elapsed) =>
        _timeToFirstToken.Record(elapsed.TotalSeconds, new TagList { { "endpoint", endpoint } });

    public void UpstreamFailure(string failureClass) => _failures.Add(1, new TagList { { "class", failureClass } });

    public void Failover() => _failovers.Add(1);

    public void SameAccountRetry() => _sameAccountRetries.Add(1);

    public void ProtocolSwitch() => _protocolSwitches.Add(1);

    public void CooldownStarted(string reason) => _cooldowns.Add(1, new TagList { { "reason", reason } });

    public void JobRun(string job, string outcome) => _jobRuns.Add(1, new TagList { { "job", job }, { "outcome", outcome } });

    /// <param name="reason"><c>queue_full</c> or <c>write_failed</c>.</param>
    public void UsageRowsDropped(int count, string reason) => _usageRowsDropped.Add(count, new TagList { { "reason", reason } });

    public void Dispose() => _meter.Dispose();
}
