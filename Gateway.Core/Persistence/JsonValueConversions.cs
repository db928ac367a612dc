using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gateway.Core.Persistence;

/// <summary>Maps a property to a JSON text column with value comparison by content.</summary>
internal static class JsonValueConversions
{
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
    {
        // Fails while the model is built, not at the first row, for a type the context below does not list.
        var json = (JsonTypeInfo<T>)(StoredJson.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T)} is not listed in {nameof(StoredJson)}."));
        var comparer = new ValueComparer<T>(
            (a, b) => JsonSerializer.Serialize(a!, json) == JsonSerializer.Serialize(b!, json),
            v => JsonSerializer.Serialize(v, json).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize(JsonSerializer.Serialize(v, json), json)!);
        property.HasConversion(new JsonColumnConverter<T>(json), comparer);
        return property;
    }
}

/// <summary>A column's value as JSON text, which it can also write straight as UTF-8.</summary>
internal interface IUtf8JsonColumn
{
    void Write(object value, Utf8JsonWriter json);
}

/// <summary>Stores a value as its JSON text, serialized by <see cref="StoredJson"/>'s generated code.</summary>
internal sealed class JsonColumnConverter<T>(JsonTypeInfo<T> json)
    : ValueConverter<T, string>(v => JsonSerializer.Serialize(v, json), v => JsonSerializer.Deserialize(v, json)!), IUtf8JsonColumn
{
    public void Write(object value, Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, (T)value, json);
}

/// <summary>
/// The types stored as JSON columns, serialized by generated code: a usage row's trace is written for every request, and
/// the generated writer costs half the time and memory of the reflection-based one.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<AttemptTrace>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class StoredJson : JsonSerializerContext;
