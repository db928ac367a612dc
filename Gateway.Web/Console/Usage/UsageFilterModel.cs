namespace Gateway.Web.Console.Usage;

/// <summary>The usage page's filter form, as typed.</summary>
public sealed class UsageFilterModel : ListingFilterForm<UsageFilter>
{
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

    protected override UsageFilter WithFields(UsageFilter range) => range with
    {
        AccountId = AccountId,
        KeyId = KeyId,
        Model = string.IsNullOrWhiteSpace(Model) ? null : Model.Trim(),
        Status = Status,
        AttemptStatus = AttemptStatus,
        FailedOver = FailedOverOnly ? true : null,
        RequestId = string.IsNullOrWhiteSpace(RequestId) ? null : RequestId.Trim(),
    };
}
