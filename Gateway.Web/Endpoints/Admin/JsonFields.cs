namespace Gateway.Web.Endpoints.Admin;

/// <summary>
/// Reads typed fields from an admin request body, collecting one error per bad field instead of
/// stopping at the first, so a validation answer can name every bad field.
/// </summary>
internal sealed class JsonFields(JsonElement root)
{
    public Dictionary<string, List<string>> Errors { get; } = [];

    public JsonElement Root => root;

    public bool Has(string name) => Present(name) is not null;

    public void AddError(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list))
        {
            Errors[field] = list = [];
        }

        list.Add(message);
    }

    public string? String(string name)
    {
        if (Present(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return v.GetString();
        }

        AddError(name, "Must be a string.");
        return null;
    }

    public int? Int(string name) => Value<int>(name, "Must be an integer.", v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null);

    public long? Long(string name) => Value<long>(name, "Must be an integer.", v => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var i) ? i : null);

    public bool? Bool(string name) => Value<bool>(name, "Must be true or false.", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null);

    public DateTime? Time(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value))
        {
            return value.UtcDateTime;
        }

        AddError(name, "Must be an ISO-8601 time.");
        return null;
    }

    /// <summary>Reads an enum written as one of its lower-case wire names.</summary>
    public T? Enum<T>(string name, TryParser<T> parse, string allowed)
        where T : struct
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (parse(text, out var value))
        {
            return value;
        }

        AddError(name, $"Must be one of: {allowed}.");
        return null;
    }

    public List<long>? LongArray(string name)
    {
        if (Present(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            AddError(name, "Must be an array of integers.");
            return null;
        }

        var result = new List<long>();
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var id))
            {
                result.Add(id);
            }
            else
            {
                AddError(name, $"{item.GetRawText()} is not an integer.");
            }
        }

        return result;
    }

    public Dictionary<string, string>? StringMap(string name)
    {
        if (Present(name) is not { } v)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            AddError(name, "Must be an object mapping requested to upstream model names.");
            return null;
        }

        var result = new Dictionary<string, string>();
        foreach (var property in v.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                result[property.Name] = property.Value.GetString()!;
            }
            else
            {
                AddError(name, $"'{property.Name}' must map to a string.");
            }
        }

        return result;
    }

    public delegate bool TryParser<T>(string? text, out T value);

    // The field's value; null when it is absent or null, which every reader takes as "not given".
    private JsonElement? Present(string name) => root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    // The field read by read, which answers null for a value of the wrong kind: that is recorded as the field's error.
    private T? Value<T>(string name, string error, Func<JsonElement, T?> read)
        where T : struct
    {
        if (Present(name) is not { } v)
        {
            return null;
        }

        if (read(v) is { } value)
        {
            return value;
        }

        AddError(name, error);
        return null;
    }
}
