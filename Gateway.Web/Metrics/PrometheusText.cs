using System.Globalization;
using System.Text;

namespace Gateway.Web.Metrics;

/// <summary>The Prometheus text exposition format (0.0.4): metric names, label sets and sample values.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// The Prometheus name of an instrument, following the OpenTelemetry conventions: dots become
    /// underscores, a unit of seconds becomes a <c>_seconds</c> suffix, counters end in <c>_total</c>;
    /// annotation units such as <c>{request}</c> add nothing.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, bool isCounter)
    {
        var name = Sanitize(instrumentName);
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => "",
        };
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }

        return isCounter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    /// <summary><c>{a="1",b="x"}</c> with keys sorted and values escaped, or an empty string for no labels.</summary>
    public static string Labels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var sorted = labels.OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
        if (sorted.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder("{");
        foreach (var (key, value) in sorted)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(Sanitize(key)).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
        }

        return text.Append('}').ToString();
    }

    /// <summary>Adds one label to an existing label set (used for histogram <c>le</c>).</summary>
    public static string WithLabel(string labels, string key, string value)
    {
        var pair = $"{key}=\"{EscapeLabelValue(value)}\"";
        return labels.Length == 0 ? "{" + pair + "}" : labels[..^1] + "," + pair + "}";
    }

    public static string Value(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (i > 0 && c is >= '0' and <= '9');
            chars[i] = valid ? c : '_';
        }

        return new string(chars);
    }
}
