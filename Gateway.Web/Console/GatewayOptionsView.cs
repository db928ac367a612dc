using System.Globalization;
using Gateway.Core.Options;

namespace Gateway.Web.Console;

/// <summary>One tunable as the settings page lists it: its configuration key and current value.</summary>
public sealed record TunableRow(string Key, string Value);

/// <summary>Lists every <see cref="GatewayOptions"/> property, so new tunables appear without touching the page.</summary>
public static class GatewayOptionsView
{
    public static IReadOnlyList<TunableRow> Describe(GatewayOptions options) =>
        [.. typeof(GatewayOptions).GetProperties()
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => new TunableRow($"{GatewayOptions.SectionName}:{p.Name}", Format(p.GetValue(options))))];

    private static string Format(object? value) => value switch
    {
        null => "",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
