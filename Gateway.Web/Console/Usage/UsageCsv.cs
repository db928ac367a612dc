using System.Globalization;
using Gateway.Core.Accounts;
using Gateway.Core.Usage;

namespace Gateway.Web.Console.Usage;

/// <summary>Writes usage logs as RFC 4180 CSV with the admin API's field names as the header.</summary>
public static class UsageCsv
{
    public const string Header = "id,created_at,request_id,client_request_id,key_id,group_id,account_id,model,upstream_model,inbound_protocol,upstream_protocol,stream,status,input_tokens,output_tokens,cached_tokens,duration_ms,first_token_ms,attempts,error";

    public static async Task WriteAsync(IAsyncEnumerable<UsageLog> rows, TextWriter writer, CancellationToken ct)
    {
        await writer.WriteLineAsync(Header);
        await foreach (var u in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(Line(u));
        }
    }

    public static string Line(UsageLog u) => string.Join(',',
        Number(u.Id),
        u.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        Text(u.RequestId),
        Text(u.ClientRequestId),
        Number(u.KeyId),
        Number(u.GroupId),
        Number(u.AccountId),
        Text(u.Model),
        Text(u.UpstreamModel),
        u.InboundProtocol.ToWire(),
        u.UpstreamProtocol?.ToWire() ?? "",
        u.Stream ? "true" : "false",
        Number(u.Status),
        Number(u.InputTokens),
        Number(u.OutputTokens),
        Number(u.CachedTokens),
        Number(u.DurationMs),
        Number(u.FirstTokenMs),
        Number(u.Attempts),
        Text(u.Error));

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    // Quotes a field when it holds a separator, quote or line break; a leading formula character is
    // neutralised so a spreadsheet does not run it.
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
