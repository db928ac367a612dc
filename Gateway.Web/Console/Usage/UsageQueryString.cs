namespace Gateway.Web.Console.Usage;

/// <summary>
/// The usage filter as the admin API's query string (SPEC 7.1: <c>from</c>, <c>to</c>, <c>account_id</c>,
/// <c>key_id</c>, <c>model</c>, <c>status</c>; added: <c>attempt_status</c>, <c>failed_over</c>, <c>request_id</c>), read by the
/// usage endpoints and written by the console's export link, so both mean the same rows.
/// </summary>
public static class UsageQueryString
{
    public static string Format(UsageFilter filter)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("from", filter.From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("O", CultureInfo.InvariantCulture));
        Add("account_id", filter.AccountId?.ToString(CultureInfo.InvariantCulture));
        Add("key_id", filter.KeyId?.ToString(CultureInfo.InvariantCulture));
        Add("model", filter.Model);
        Add("status", filter.Status?.ToString(CultureInfo.InvariantCulture));
        Add("attempt_status", filter.AttemptStatus?.ToString(CultureInfo.InvariantCulture));
        Add("failed_over", filter.FailedOver is { } failedOver ? (failedOver ? "true" : "false") : null);
        Add("request_id", filter.RequestId);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    /// <summary>Reads the filter; each unreadable value adds an error under its parameter's name.</summary>
    public static UsageFilter Parse(IQueryCollection query, Dictionary<string, List<string>> errors) => new()
    {
        From = QueryValues.Time(query["from"], "from", errors),
        To = QueryValues.Time(query["to"], "to", errors),
        AccountId = QueryValues.Number<long>(query["account_id"], "account_id", errors),
        KeyId = QueryValues.Number<long>(query["key_id"], "key_id", errors),
        Model = Text(query["model"]),
        Status = QueryValues.Number<int>(query["status"], "status", errors),
        AttemptStatus = QueryValues.Number<int>(query["attempt_status"], "attempt_status", errors),
        FailedOver = Flag(query["failed_over"], "failed_over", errors),
        RequestId = Text(query["request_id"]),
    };

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool? Flag(string? text, string field, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors[field] = ["Must be true or false."];
        return null;
    }
}
