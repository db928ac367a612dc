namespace Gateway.Core.Usage;

/// <summary>One client request as the gateway served it (SPEC 2).</summary>
public sealed class UsageLog : IListingRow
{
    public const int ResponseIdMaxLength = 100;

    public long Id { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The gateway's own id of the request (unique per row), sent back as <c>x-request-id</c>.</summary>
    public required string RequestId { get; set; }

    /// <summary>The <c>x-request-id</c> the client sent, if any: the client's to choose, so not unique.</summary>
    public string? ClientRequestId { get; set; }

    public long? KeyId { get; set; }

    public long? GroupId { get; set; }

    /// <summary>The account that produced the final answer, if any.</summary>
    public long? AccountId { get; set; }

    /// <summary>The model the client asked for.</summary>
    public required string Model { get; set; }

    /// <summary>The model sent upstream; only stored when it differs from <see cref="Model"/>.</summary>
    public string? UpstreamModel { get; set; }

    public ApiProtocol InboundProtocol { get; set; }

    public ApiProtocol? UpstreamProtocol { get; set; }

    public bool Stream { get; set; }

    public int Status { get; set; }

    public int InputTokens { get; set; }

    public int OutputTokens { get; set; }

    public int CachedTokens { get; set; }

    public int DurationMs { get; set; }

    public int? FirstTokenMs { get; set; }

    public int Attempts { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// The id of the Responses object the client received, when it fits <see cref="ResponseIdMaxLength"/>: for a response an
    /// upstream speaking Responses made, what finds that account again when the client reads, cancels or deletes it.
    /// </summary>
    public string? ResponseId { get; set; }

    public List<AttemptTrace> Trace { get; set; } = [];

    /// <summary>The stored value of the upstream model: null unless it differs from the requested one.</summary>
    public static string? UpstreamModelIfDifferent(string requested, string? upstream) =>
        string.IsNullOrWhiteSpace(upstream) || string.Equals(requested, upstream, StringComparison.Ordinal) ? null : upstream;
}

/// <summary>One attempt within a request: why the gateway did what it did.</summary>
public sealed record AttemptTrace
{
    [JsonPropertyName("account_id")]
    public long AccountId { get; init; }

    [JsonPropertyName("upstream_protocol")]
    public ApiProtocol UpstreamProtocol { get; init; }

    /// <summary>Why the attempt spoke <see cref="UpstreamProtocol"/>; null in rows written before it was recorded.</summary>
    [JsonPropertyName("protocol_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProtocolChoiceReason? ProtocolReason { get; init; }

    /// <summary>Upstream HTTP status; 0 when no answer arrived (network error, timeout).</summary>
    [JsonPropertyName("status")]
    public int Status { get; init; }

    [JsonPropertyName("failure_class")]
    public string? FailureClass { get; init; }

    [JsonPropertyName("decision")]
    public required string Decision { get; init; }

    [JsonPropertyName("duration_ms")]
    public int DurationMs { get; init; }

    /// <summary>Hosted tools the attempt's protocol conversion left out because the upstream cannot run them (SPEC 5.3).</summary>
    [JsonPropertyName("dropped_tools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? DroppedTools { get; init; }
}
