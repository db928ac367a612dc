namespace Gateway.Web.Console;

/// <summary>Optional values of the admin API's query strings; each unreadable one adds an error under its parameter's name.</summary>
public static class QueryValues
{
    /// <summary>An optional integer parameter.</summary>
    public static T? Number<T>(string? text, string field, Dictionary<string, List<string>> errors)
        where T : struct, IParsable<T>
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (T.TryParse(text, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = ["Must be an integer."];
        return null;
    }

    /// <summary>An optional ISO-8601 time, UTC when it names no offset.</summary>
    public static DateTime? Time(string? text, string field, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.UtcDateTime;
        }

        errors[field] = ["Must be an ISO-8601 time."];
        return null;
    }
}
