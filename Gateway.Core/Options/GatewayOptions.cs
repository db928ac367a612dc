namespace Gateway.Core.Options;

/// <summary>
/// Every tunable of the gateway in one place (SPEC 4.5), bound from the <c>Gateway</c> section of
/// appsettings.json and shown read-only in the console. The attributes are the limits <see cref="GatewayOptionsValidator"/>
/// checks at start-up, together with <see cref="Validate"/>'s rules between settings.
/// </summary>
public sealed class GatewayOptions : IValidatableObject
{
    public const string SectionName = "Gateway";

    /// <summary>Pause between same-account retries in pool mode.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan SameAccountRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most account switches one request may make.</summary>
    [Range(0, 1000)]
    public int MaxAccountSwitches { get; set; } = 10;

    /// <summary>Cooldown after an upstream 403.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan ForbiddenCooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Window in which 403 strikes add up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan ForbiddenStrikeWindow { get; set; } = TimeSpan.FromMinutes(180);

    /// <summary>The strike that puts an account into <c>error</c>.</summary>
    [Range(1, int.MaxValue)]
    public int ForbiddenStrikeLimit { get; set; } = 3;

    /// <summary>Cooldown after a 429 without <c>Retry-After</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan RateLimitDefaultCooldown { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound of a cooldown taken from <c>Retry-After</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan RateLimitMaxCooldown { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Cooldown after 529 / overloaded.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan OverloadCooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Cooldown after a 5xx on a standard account, and after a transient failure before an answer began (SPEC 4.6).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan ServerErrorCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cooldown after <c>insufficient_quota</c> when the upstream names no reset time.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan QuotaCooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Cooldown of an oauth account whose 401 survived a token refresh.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan UnauthorizedCooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an (account, upstream model) stays suspended after a model-support error.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan ModelSuspension { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Lifetime of an endpoint-protocol cache entry.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan EndpointCacheTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each instance reloads the shared endpoint-protocol cache from the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan EndpointCacheRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of a sticky session binding.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan StickySessionTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time to connect to an upstream.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan UpstreamConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest inactivity of an attempt before it fails: no upstream read (headers or a chunk) and no client write
    /// completing within it. Restarted after every read and every write.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan UpstreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most bytes of handshake events the first-chunk gate holds back before it commits anyway (SPEC 3): an upstream that
    /// sends an endless handshake is then relayed instead of buffered.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int FirstChunkGateMaxHeldBytes { get; set; } = 64 * 1024;

    /// <summary>Largest request body the gateway accepts; at most 1 GiB, since a body is held in one array.</summary>
    [Range(1, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Most bytes of a non-stream upstream answer that are read, counted after decompression; a larger answer fails the
    /// attempt as the upstream's fault (it fails over), so a compressed bomb cannot fill the gateway's memory.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int UpstreamBodyMaxBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Longest line of an upstream SSE stream; a longer one fails the attempt as the upstream's fault.</summary>
    [Range(1, int.MaxValue)]
    public int UpstreamSseMaxLineBytes { get; set; } = SseReader.DefaultMaxLineBytes;

    /// <summary>Most data bytes of one upstream SSE event; a larger one fails the attempt as the upstream's fault.</summary>
    [Range(1, int.MaxValue)]
    public int UpstreamSseMaxEventBytes { get; set; } = SseReader.DefaultMaxEventBytes;

    /// <summary>
    /// Most bytes read of a token endpoint's answer: an OAuth refresh (a larger one fails the refresh) or an upstream token
    /// count (a larger one is counted locally instead).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int TokenResponseMaxBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The size of every stored model name (usage rows, model suspensions, the endpoint cache) and so the longest
    /// <see cref="MaxModelNameLength"/> and model-mapping entry: a name cut to fit its column would name another model.
    /// </summary>
    public const int ModelColumnLength = 200;

    /// <summary>Longest model name a client may ask for; a longer one is refused with 400.</summary>
    [Range(1, ModelColumnLength)]
    public int MaxModelNameLength { get; set; } = 200;

    /// <summary>Longest session key (<c>session_id</c>, <c>conversation_id</c>, <c>x-session-id</c>, <c>previous_response_id</c>); a longer one is refused with 400.</summary>
    [Range(1, 10_000)]
    public int MaxSessionIdLength { get; set; } = 256;

    /// <summary>Most sticky-session bindings kept in memory; past it the bindings that would end soonest make room.</summary>
    [Range(1, int.MaxValue)]
    public int StickySessionMaxEntries { get; set; } = 100_000;

    /// <summary>Most model suspensions one account holds at a time; past it a model-support error fails over without suspending.</summary>
    [Range(0, 100_000)]
    public int MaxModelSuspensionsPerAccount { get; set; } = 50;

    /// <summary>Most requests the gateway serves at once across every key; more are answered 503. 0 means no limit.</summary>
    [Range(0, int.MaxValue)]
    public int MaxInFlightRequests { get; set; } = 1000;

    /// <summary>Most request-body bytes held at once across every request in flight; past it requests are answered 503. 0 means no limit.</summary>
    [Range(0, long.MaxValue)]
    public long MaxInFlightRequestBodyBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Concurrent requests of an API key that sets no limit of its own. 0 means no limit.</summary>
    [Range(0, int.MaxValue)]
    public int DefaultKeyConcurrencyLimit { get; set; } = 32;

    /// <summary>Requests per minute of an API key that sets no limit of its own. 0 means no limit.</summary>
    [Range(0, int.MaxValue)]
    public int DefaultKeyRequestsPerMinute { get; set; } = 600;

    /// <summary>Timeout of the Responses capability probe and of the admin connection test.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Most bytes of a probe answer that are read.</summary>
    [Range(1, int.MaxValue)]
    public int ProbeMaxResponseBytes { get; set; } = 256 * 1024;

    /// <summary>Model named in the probe request when the account maps no concrete model.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ProbeModel { get; set; } = "gpt-4o-mini";

    /// <summary>Model named in the probe and test request of an anthropic account that maps no concrete model.</summary>
    [Required(AllowEmptyStrings = false)]
    public string AnthropicProbeModel { get; set; } = "claude-haiku-4-5";

    /// <summary>
    /// <c>max_tokens</c> of a Chat or Responses request converted for an anthropic account when the client named no limit
    /// (Anthropic requires one); 32000 is the most every current Claude model accepts.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MessagesDefaultMaxTokens { get; set; } = 32_000;

    /// <summary>How often the in-memory account snapshot is refreshed from the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan AccountRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each instance reloads the feature flags (<c>auto_endpoint</c>) from the database; a change made on another instance arrives within this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan FeatureSettingsRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Capacity of the usage-log channel; when full, the oldest pending record is dropped.</summary>
    [Range(1, int.MaxValue)]
    public int UsageChannelCapacity { get; set; } = 10_000;

    /// <summary>
    /// Most usage rows written in one batch. Every commit rewrites the last page of the table and of each of its indexes:
    /// the more rows it carries, the fewer times a page is written while it fills.
    /// </summary>
    [Range(1, 10_000)]
    public int UsageBatchSize { get; set; } = 1000;

    /// <summary>
    /// How long the usage writer lets rows gather after the first one arrives, unless a whole batch is waiting: one
    /// transaction and one set of last-use stamps then serve many requests instead of a few.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan UsageBatchDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Retries of a database write (usage, account state, endpoint cache) after a transient error; 0 turns them off.</summary>
    [Range(0, 100)]
    public int StorageWriteRetries { get; set; } = 3;

    /// <summary>First pause before a database write is retried; it doubles on each retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan StorageWriteRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait for one answer of an OAuth token endpoint before that attempt counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan TokenRefreshTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of an OAuth token refresh after a timeout, a network error, 408, 429 or 5xx; 0 turns them off.</summary>
    [Range(0, 100)]
    public int TokenRefreshRetries { get; set; } = 2;

    /// <summary>First pause before a token refresh is retried; it doubles on each retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan TokenRefreshRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Days usage logs are kept; zero or less keeps them forever.</summary>
    [Range(int.MinValue, 36_500)]
    public int UsageRetentionDays { get; set; } = 30;

    /// <summary>When the usage-retention job runs: a five-field cron expression in UTC (default 03:30 every day).</summary>
    [Required(AllowEmptyStrings = false)]
    public string UsageRetentionSchedule { get; set; } = "30 3 * * *";

    /// <summary>Background-job workers in this instance; 0 runs no job server here (another instance runs the jobs).</summary>
    [Range(0, 1000)]
    public int JobWorkerCount { get; set; } = 2;

    /// <summary>
    /// How often the job server looks for queued and scheduled jobs. Each look is several queries and a lock on the job
    /// store: polled every second, the SQLite store cost the request path more CPU than the requests' own work.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan JobPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the C allocator hands its free memory back to the system (glibc's <c>malloc_trim</c>); zero never does.
    /// Without it, memory that native code freed under load stays resident.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan NativeMemoryTrimInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for a free concurrency slot when every eligible account is busy.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan AccountSlotWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a successful API-key lookup is cached (disable and delete evict at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan ApiKeyCacheTtl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a response served to a Responses client through a Chat upstream is kept for <c>previous_response_id</c> and
    /// <c>item_reference</c>, counted from the last time its conversation was continued; zero or less stores nothing.
    /// </summary>
    [Range(typeof(TimeSpan), "-3650.00:00:00", "3650.00:00:00")]
    public TimeSpan ResponseStoreRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>When the response-store-retention job deletes expired stored responses: five-field cron, UTC (default hourly).</summary>
    [Required(AllowEmptyStrings = false)]
    public string ResponseStoreRetentionSchedule { get; set; } = "15 * * * *";

    /// <summary>Largest single input or output item (JSON bytes) the response store keeps; a response with a larger one is not stored.</summary>
    [Range(1, int.MaxValue)]
    public int ResponseStoreMaxItemBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Longest wait for an upstream's own token-count endpoint before the count is made locally instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "3650.00:00:00")]
    public TimeSpan TokenCountTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most bytes of an upstream error body kept for classification and passed through to the client.</summary>
    [Range(1, int.MaxValue)]
    public int UpstreamErrorBodyMaxBytes { get; set; } = 64 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RateLimitDefaultCooldown > RateLimitMaxCooldown)
        {
            yield return new ValidationResult(
                $"{nameof(RateLimitDefaultCooldown)} ({RateLimitDefaultCooldown}) must not exceed {nameof(RateLimitMaxCooldown)} ({RateLimitMaxCooldown}).",
                [nameof(RateLimitDefaultCooldown), nameof(RateLimitMaxCooldown)]);
        }
    }
}
