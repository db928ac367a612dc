using System.Globalization;
using Gateway.Core.Usage;

namespace Gateway.Web.Console.Usage;

/// <summary>The usage page's filter form: turns into a <see cref="UsageFilter"/> and into the export link's query.</summary>
public sealed class UsageFilterModel
{
    /// <summary>Start of the range, UTC.</summary>
    public DateTime? From { get; set; }

    /// <summary>End of the range (exclusive), UTC.</summary>
    public DateTime? To { get; set; }

    public long? AccountId { get; set; }

    public long? KeyId { get; set; }

    public string? Model { get; set; }

    public int? Status { get; set; }

    public UsageFilter ToFilter() => new()
    {
        From = AsUtc(From),
        To = AsUtc(To),
        AccountId = AccountId,
        KeyId = KeyId,
        Model = string.IsNullOrWhiteSpace(Model) ? null : Model.Trim(),
        Status = Status,
    };

    /// <summary>The admin API's query string for the same filter (<c>from</c>, <c>to</c>, <c>account_id</c>, …).</summary>
    public string ToQueryString()
    {
        var filter = ToFilter();
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
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    // Date pickers answer unspecified times; the page labels its range as UTC.
    private static DateTime? AsUtc(DateTime? time) => time is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;
}
