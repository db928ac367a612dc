using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Gateway.Core.Persistence;

/// <summary>
/// Cuts string values to the maximum length their column is configured with (SPEC 8), for rows such as usage logs
/// where one long upstream-supplied value must not fail the insert. SQL Server refuses an over-long value; SQLite
/// would store it whole, so both providers end up with the same row.
/// </summary>
internal static class ColumnSizes
{
    /// <summary><paramref name="value"/>, cut to the size of <paramref name="property"/>'s column when it is a longer string.</summary>
    public static object? CutToFit(IReadOnlyProperty property, object? value) =>
        property.GetMaxLength() is { } maxLength && value is string text && text.Length > maxLength ? Cut(text, maxLength) : value;

    // Never ends on half of a surrogate pair, which would not encode.
    private static string Cut(string value, int maxLength) =>
        char.IsHighSurrogate(value[maxLength - 1]) ? value[..(maxLength - 1)] : value[..maxLength];
}
