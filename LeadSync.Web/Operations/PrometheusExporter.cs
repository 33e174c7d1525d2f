using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using LeadSync.Core.Diagnostics;

namespace LeadSync.Web.Operations;

/// <summary>
/// Listens to this app's <c>LeadSync</c> meter with a <see cref="MeterListener"/> and renders what it saw in the
/// Prometheus text format (0.0.4): counters as <c>_total</c>, histograms as buckets/sum/count, gauges as values.
/// Only the meter created by this app's <see cref="IMeterFactory"/> is read, so app instances in one process stay apart.
/// </summary>
internal sealed class PrometheusExporter : IHostedService, IDisposable
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, Series>> data = new();
    private readonly LeadSyncMetrics metrics;

    public PrometheusExporter(LeadSyncMetrics metrics)
    {
        this.metrics = metrics;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                data.TryAdd(instrument, new ConcurrentDictionary<string, Series>(StringComparer.Ordinal));
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Samples the observable gauges, then renders every instrument.</summary>
    public string Render()
    {
        listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (instrument, series) in data.OrderBy(d => d.Key.Name, StringComparer.Ordinal))
        {
            var kind = KindOf(instrument);
            var name = NameOf(instrument, kind);
            text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(instrument.Description ?? instrument.Name)).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(kind).Append('\n');
            foreach (var (labels, s) in series.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                lock (s)
                {
                    if (kind == "histogram")
                    {
                        for (var b = 0; b < Buckets.Length; b++)
                        {
                            AppendSample(text, name + "_bucket", WithLabel(labels, "le", Format(Buckets[b])), s.BucketCounts[b]);
                        }

                        AppendSample(text, name + "_bucket", WithLabel(labels, "le", "+Inf"), s.Count);
                        AppendSample(text, name + "_sum", labels, s.Sum);
                        AppendSample(text, name + "_count", labels, s.Count);
                    }
                    else
                    {
                        AppendSample(text, name, labels, s.Value);
                    }
                }
            }
        }

        return text.ToString();
    }

    public void Dispose() => listener.Dispose();

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        if (!data.TryGetValue(instrument, out var series))
        {
            return;
        }

        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        var s = series.GetOrAdd(Labels(tags), _ => new Series());
        lock (s)
        {
            switch (instrument)
            {
                case Histogram<T>:
                    s.Count++;
                    s.Sum += number;
                    for (var b = 0; b < Buckets.Length; b++)
                    {
                        if (number <= Buckets[b])
                        {
                            s.BucketCounts[b]++;
                        }
                    }

                    break;
                case Counter<T> or UpDownCounter<T>:
                    s.Value += number;
                    break;
                default:
                    s.Value = number;
                    break;
            }
        }
    }

    private static string KindOf(Instrument instrument) => instrument switch
    {
        Histogram<long> or Histogram<int> or Histogram<double> => "histogram",
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<double> => "counter",
        _ => "gauge",
    };

    private static string NameOf(Instrument instrument, string kind)
    {
        var name = new string(instrument.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        if (instrument.Unit == "s")
        {
            name += "_seconds";
        }

        return kind == "counter" ? name + "_total" : name;
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<KeyValuePair<string, object?>>(tags.ToArray());
        pairs.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return string.Join(',', pairs.Select(p =>
            $"{new string(p.Key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray())}=\"{EscapeLabel(Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty)}\""));
    }

    private static string WithLabel(string labels, string key, string value) =>
        labels.Length == 0 ? $"{key}=\"{value}\"" : $"{labels},{key}=\"{value}\"";

    private static void AppendSample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(Format(value)).Append('\n');
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class Series
    {
        public double Value { get; set; }

        public double Sum { get; set; }

        public long Count { get; set; }

        public long[] BucketCounts { get; } = new long[Buckets.Length];
    }
}
