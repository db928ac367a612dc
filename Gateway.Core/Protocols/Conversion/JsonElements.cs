namespace Gateway.Core.Protocols.Conversion;

/// <summary>
/// Lenient readers over read-only documents (<see cref="JsonNodes.ParseObjectDocument"/>), for the events that are only
/// looked at: wrong kinds read as absent instead of throwing, as <see cref="JsonNodes"/> reads trees.
/// </summary>
internal static class JsonElements
{
    /// <summary>The member <paramref name="name"/> of an object, or null when it is absent, JSON null or not in an object.</summary>
    public static JsonElement? Member(this JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The member <paramref name="name"/> when it is an object.</summary>
    public static JsonElement? Obj(this JsonElement obj, string name) =>
        obj.Member(name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    /// <summary>The member <paramref name="name"/> when it is a string.</summary>
    public static string? Str(this JsonElement obj, string name) =>
        obj.Member(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>Whether the member <paramref name="name"/> is the string <paramref name="utf8"/>; false for a member of any other kind.</summary>
    public static bool StrEquals(this JsonElement obj, string name, ReadOnlySpan<byte> utf8) =>
        obj.Member(name) is { ValueKind: JsonValueKind.String } value && value.ValueEquals(utf8);

    /// <summary>Whether the member <paramref name="name"/> is absent, null or an empty array.</summary>
    public static bool IsEmptyArray(this JsonElement obj, string name) =>
        obj.Member(name) is not { } value || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0);
}
