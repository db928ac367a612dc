namespace Gateway.Core.Resilience;

/// <summary>
/// The names of the gateway's own resilience pipelines (Polly), registered by
/// <see cref="ResilienceServiceCollectionExtensions.AddGatewayResilience"/> and injected with
/// <c>[FromKeyedServices(name)]</c>. None of them wraps an upstream LLM call: there the failover engine decides (SPEC 4).
/// </summary>
public static class ResiliencePipelineNames
{
    /// <summary>Database writes (usage batches, account state, endpoint cache): retried on transient database errors.</summary>
    public const string StorageWrite = "gateway-storage-write";

    /// <summary>The OAuth refresh-token grant (a <c>ResiliencePipeline&lt;HttpResponseMessage&gt;</c>): a timeout per attempt, retried on transient HTTP failures.</summary>
    public const string TokenRefresh = "gateway-token-refresh";

    /// <summary>The capability probe and the admin connection test: one attempt, ended at the probe timeout.</summary>
    public const string UpstreamPing = "gateway-upstream-ping";
}
