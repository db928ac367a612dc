namespace Gateway.Web.Console.Usage;

/// <summary>The usage page's filter form, as typed; <see cref="ToFilter"/> is what Apply sends to the query.</summary>
public sealed class UsageFilterModel
{
    /// <summary>Start of the range, UTC.</summary>
    public DateTime? From { get; set; }

    /// <summary>End of the range (exclusive), UTC.</summary>
    public DateTime? To { get; set; }

    public long? AccountId { get; set; }

    public long? KeyId { get; set; }

    public string? Model { get; set; }

    /// <summary>The status the client got.</summary>
    public int? Status { get; set; }

    /// <summary>A status any attempt got from an upstream.</summary>
    public int? AttemptStatus { get; set; }

    /// <summary>Only requests that switched account.</summary>
    public bool FailedOverOnly { get; set; }

    /// <summary>The <c>x-request-id</c> a client got or sent.</summary>
    public string? RequestId { get; set; }

    public UsageFilter ToFilter() => new()
    {
        From = ConsoleFormat.TypedUtc(From),
        To = ConsoleFormat.TypedUtc(To),
        AccountId = AccountId,
        KeyId = KeyId,
        Model = string.IsNullOrWhiteSpace(Model) ? null : Model.Trim(),
        Status = Status,
        AttemptStatus = AttemptStatus,
        FailedOver = FailedOverOnly ? true : null,
        RequestId = string.IsNullOrWhiteSpace(RequestId) ? null : RequestId.Trim(),
    };
}
