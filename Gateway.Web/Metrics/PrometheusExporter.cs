using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Gateway.Core.Telemetry;

namespace Gateway.Web.Metrics;

/// <summary>
/// Aggregates the <see cref="GatewayMetrics"/> instruments of this host (meter <see cref="GatewayMetrics.MeterName"/>
/// created by this container's <see cref="IMeterFactory"/>) through a <see cref="MeterListener"/>, and renders
/// them in Prometheus text format: counters as cumulative sums, gauges as their last observation,
/// histograms with cumulative buckets, sum and count.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    /// <summary>Upper bounds in seconds, from fast first tokens to five-minute generations.</summary>
    internal static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    private readonly MeterListener _listener;

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                // Only this host's meter: test hosts and other apps in the process have their own.
                if (instrument.Meter.Name == GatewayMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    _instruments[instrument] = new InstrumentState(instrument);
                    listener.EnableMeasurementEvents(instrument);
                }
            },
            MeasurementsCompleted = (instrument, state) => _instruments.TryRemove(instrument, out _),
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Observes the gauges, then writes every instrument.</summary>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var state in _instruments.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            state.WriteTo(text);
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_instruments.TryGetValue(instrument, out var state))
        {
            var labels = new List<KeyValuePair<string, string>>(tags.Length);
            foreach (var (key, tagValue) in tags)
            {
                labels.Add(new(key, Convert.ToString(tagValue, CultureInfo.InvariantCulture) ?? ""));
            }

            state.Record(PrometheusText.Labels(labels), value);
        }
    }

    private enum Kind
    {
        Counter,
        Gauge,
        Histogram,
    }

    private sealed class InstrumentState(Instrument instrument)
    {
        private readonly Kind _kind = KindOf(instrument);
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

        public string Name { get; } = PrometheusText.MetricName(instrument.Name, instrument.Unit, KindOf(instrument) == Kind.Counter);

        public void Record(string labels, double value) =>
            _series.GetOrAdd(labels, _ => new Series(_kind == Kind.Histogram ? SecondsBuckets.Length : 0)).Record(_kind, value);

        public void WriteTo(StringBuilder text)
        {
            if (!string.IsNullOrEmpty(instrument.Description))
            {
                text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusText.EscapeHelp(instrument.Description)).Append('\n');
            }

            text.Append("# TYPE ").Append(Name).Append(' ').Append(_kind.ToString().ToLowerInvariant()).Append('\n');
            foreach (var (labels, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                series.WriteTo(text, Name, labels, _kind);
            }
        }

        private static Kind KindOf(Instrument instrument) => instrument switch
        {
            Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => Kind.Counter,
            Histogram<double> or Histogram<long> or Histogram<int> => Kind.Histogram,
            _ => Kind.Gauge,
        };
    }

    private sealed class Series(int bucketCount)
    {
        private readonly long[] _buckets = new long[bucketCount];
        private readonly Lock _gate = new();
        private double _value;
        private long _count;

        public void Record(Kind kind, double value)
        {
            lock (_gate)
            {
                switch (kind)
                {
                    case Kind.Counter:
                        _value += value;
                        break;
                    case Kind.Gauge:
                        _value = value;
                        break;
                    default:
                        _value += value;
                        _count++;
                        var bucket = Array.FindIndex(SecondsBuckets, bound => value <= bound);
                        if (bucket >= 0)
                        {
                            _buckets[bucket]++;
                        }

                        break;
                }
            }
        }

        public void WriteTo(StringBuilder text, string name, string labels, Kind kind)
        {
            lock (_gate)
            {
                if (kind != Kind.Histogram)
                {
                    text.Append(name).Append(labels).Append(' ').Append(PrometheusText.Value(_value)).Append('\n');
                    return;
                }

                long cumulative = 0;
                for (var i = 0; i < SecondsBuckets.Length; i++)
                {
                    cumulative += _buckets[i];
                    Sample(text, name + "_bucket", PrometheusText.WithLabel(labels, "le", PrometheusText.Value(SecondsBuckets[i])), cumulative);
                }

                Sample(text, name + "_bucket", PrometheusText.WithLabel(labels, "le", "+Inf"), _count);
                text.Append(name).Append("_sum").Append(labels).Append(' ').Append(PrometheusText.Value(_value)).Append('\n');
                Sample(text, name + "_count", labels, _count);
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, long value) =>
            text.Append(name).Append(labels).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
