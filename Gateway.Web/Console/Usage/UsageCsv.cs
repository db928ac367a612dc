namespace Gateway.Web.Console.Usage;

/// <summary>
/// Writes usage logs as RFC 4180 CSV: the usage page's columns in its order, accounts, keys and groups by
/// name, and the attempt trace in one cell. Values stay in the admin API's vocabulary (wire names, ISO-8601
/// UTC times), whatever the console's language, so a spreadsheet or script reads every export alike.
/// </summary>
public static class UsageCsv
{
    public const string Header = "created_at,status,model,upstream_model,account,key,group,input_tokens,output_tokens,cached_tokens,duration_ms,first_token_ms,attempts,trace,inbound_protocol,upstream_protocol,stream,request_id,client_request_id,error";

    public static async Task WriteAsync(IAsyncEnumerable<UsageLog> rows, ListingNames names, TextWriter writer, CancellationToken ct)
    {
        await writer.WriteLineAsync(Header);
        await foreach (var u in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(Line(u, names));
        }
    }

    public static string Line(UsageLog u, ListingNames names) => string.Join(',',
        u.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        Number(u.Status),
        Text(u.Model),
        Text(u.UpstreamModel),
        Text(names.Account(u.AccountId)),
        Text(names.Key(u.KeyId)),
        Text(names.Group(u.GroupId)),
        Number(u.InputTokens),
        Number(u.OutputTokens),
        Number(u.CachedTokens),
        Number(u.DurationMs),
        Number(u.FirstTokenMs),
        Number(u.Attempts),
        Text(string.Join("; ", u.Trace.Select(a => Attempt(a, names)))),
        u.InboundProtocol.ToWire(),
        u.UpstreamProtocol?.ToWire() ?? "",
        u.Stream ? "true" : "false",
        Text(u.RequestId),
        Text(u.ClientRequestId),
        Text(u.Error));

    // "account: protocol status failure_class -> decision (duration ms)", the failure class left out when there was none.
    private static string Attempt(AttemptTrace a, ListingNames names) =>
        string.Create(CultureInfo.InvariantCulture, $"{names.Account(a.AccountId)}: {a.UpstreamProtocol.ToWire()} {a.Status}{(a.FailureClass is { } failure ? " " + failure : "")} -> {a.Decision} ({a.DurationMs} ms)");

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    // A cell a spreadsheet would read as a formula (= + - @, or a tab or carriage return before one) gets a
    // leading apostrophe; a cell holding a separator, quote or line break is quoted.
    private static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
