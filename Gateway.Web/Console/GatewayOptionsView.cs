using Loc = Gateway.Web.Resources.SettingsPage;

namespace Gateway.Web.Console;

/// <summary>One tunable as the settings page lists it: its configuration key, its value in words and what it does.</summary>
public sealed record TunableRow(string Key, string Value, string Description);

/// <summary>
/// Lists every <see cref="GatewayOptions"/> property, so a new tunable appears without touching the page:
/// durations and sizes in words, counts with separators, each with its meaning in the console's language.
/// </summary>
internal sealed class GatewayOptionsView(ConsoleTerms terms, IStringLocalizer<Loc> loc)
{
    /// <summary>What each tunable does (a test keeps this complete).</summary>
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(GatewayOptions.SameAccountRetryDelay)] = nameof(Loc.TunableSameAccountRetryDelay),
        [nameof(GatewayOptions.MaxAccountSwitches)] = nameof(Loc.TunableMaxAccountSwitches),
        [nameof(GatewayOptions.ForbiddenCooldown)] = nameof(Loc.TunableForbiddenCooldown),
        [nameof(GatewayOptions.ForbiddenStrikeWindow)] = nameof(Loc.TunableForbiddenStrikeWindow),
        [nameof(GatewayOptions.ForbiddenStrikeLimit)] = nameof(Loc.TunableForbiddenStrikeLimit),
        [nameof(GatewayOptions.RateLimitDefaultCooldown)] = nameof(Loc.TunableRateLimitDefaultCooldown),
        [nameof(GatewayOptions.RateLimitMaxCooldown)] = nameof(Loc.TunableRateLimitMaxCooldown),
        [nameof(GatewayOptions.OverloadCooldown)] = nameof(Loc.TunableOverloadCooldown),
        [nameof(GatewayOptions.QuotaCooldown)] = nameof(Loc.TunableQuotaCooldown),
        [nameof(GatewayOptions.ServerErrorCooldown)] = nameof(Loc.TunableServerErrorCooldown),
        [nameof(GatewayOptions.UnauthorizedCooldown)] = nameof(Loc.TunableUnauthorizedCooldown),
        [nameof(GatewayOptions.ModelSuspension)] = nameof(Loc.TunableModelSuspension),
        [nameof(GatewayOptions.EndpointCacheTtl)] = nameof(Loc.TunableEndpointCacheTtl),
        [nameof(GatewayOptions.EndpointCacheRefreshInterval)] = nameof(Loc.TunableEndpointCacheRefreshInterval),
        [nameof(GatewayOptions.StickySessionTtl)] = nameof(Loc.TunableStickySessionTtl),
        [nameof(GatewayOptions.UpstreamConnectTimeout)] = nameof(Loc.TunableUpstreamConnectTimeout),
        [nameof(GatewayOptions.UpstreamIdleTimeout)] = nameof(Loc.TunableUpstreamIdleTimeout),
        [nameof(GatewayOptions.FirstChunkGateMaxHeldBytes)] = nameof(Loc.TunableFirstChunkGateMaxHeldBytes),
        [nameof(GatewayOptions.MaxRequestBodyBytes)] = nameof(Loc.TunableMaxRequestBodyBytes),
        [nameof(GatewayOptions.ProbeTimeout)] = nameof(Loc.TunableProbeTimeout),
        [nameof(GatewayOptions.ProbeMaxResponseBytes)] = nameof(Loc.TunableProbeMaxResponseBytes),
        [nameof(GatewayOptions.ProbeModel)] = nameof(Loc.TunableProbeModel),
        [nameof(GatewayOptions.AnthropicProbeModel)] = nameof(Loc.TunableAnthropicProbeModel),
        [nameof(GatewayOptions.MessagesDefaultMaxTokens)] = nameof(Loc.TunableMessagesDefaultMaxTokens),
        [nameof(GatewayOptions.AccountRefreshInterval)] = nameof(Loc.TunableAccountRefreshInterval),
        [nameof(GatewayOptions.UpstreamBodyMaxBytes)] = nameof(Loc.TunableUpstreamBodyMaxBytes),
        [nameof(GatewayOptions.UpstreamSseMaxLineBytes)] = nameof(Loc.TunableUpstreamSseMaxLineBytes),
        [nameof(GatewayOptions.UpstreamSseMaxEventBytes)] = nameof(Loc.TunableUpstreamSseMaxEventBytes),
        [nameof(GatewayOptions.TokenResponseMaxBytes)] = nameof(Loc.TunableTokenResponseMaxBytes),
        [nameof(GatewayOptions.MaxModelNameLength)] = nameof(Loc.TunableMaxModelNameLength),
        [nameof(GatewayOptions.MaxSessionIdLength)] = nameof(Loc.TunableMaxSessionIdLength),
        [nameof(GatewayOptions.StickySessionMaxEntries)] = nameof(Loc.TunableStickySessionMaxEntries),
        [nameof(GatewayOptions.MaxModelSuspensionsPerAccount)] = nameof(Loc.TunableMaxModelSuspensionsPerAccount),
        [nameof(GatewayOptions.MaxInFlightRequests)] = nameof(Loc.TunableMaxInFlightRequests),
        [nameof(GatewayOptions.MaxInFlightRequestBodyBytes)] = nameof(Loc.TunableMaxInFlightRequestBodyBytes),
        [nameof(GatewayOptions.DefaultKeyConcurrencyLimit)] = nameof(Loc.TunableDefaultKeyConcurrencyLimit),
        [nameof(GatewayOptions.DefaultKeyRequestsPerMinute)] = nameof(Loc.TunableDefaultKeyRequestsPerMinute),
        [nameof(GatewayOptions.UsageBatchDelay)] = nameof(Loc.TunableUsageBatchDelay),
        [nameof(GatewayOptions.FeatureSettingsRefreshInterval)] = nameof(Loc.TunableFeatureSettingsRefreshInterval),
        [nameof(GatewayOptions.UsageChannelCapacity)] = nameof(Loc.TunableUsageChannelCapacity),
        [nameof(GatewayOptions.UsageBatchSize)] = nameof(Loc.TunableUsageBatchSize),
        [nameof(GatewayOptions.StorageWriteRetries)] = nameof(Loc.TunableStorageWriteRetries),
        [nameof(GatewayOptions.StorageWriteRetryDelay)] = nameof(Loc.TunableStorageWriteRetryDelay),
        [nameof(GatewayOptions.TokenRefreshTimeout)] = nameof(Loc.TunableTokenRefreshTimeout),
        [nameof(GatewayOptions.TokenRefreshRetries)] = nameof(Loc.TunableTokenRefreshRetries),
        [nameof(GatewayOptions.TokenRefreshRetryDelay)] = nameof(Loc.TunableTokenRefreshRetryDelay),
        [nameof(GatewayOptions.UsageRetentionDays)] = nameof(Loc.TunableUsageRetentionDays),
        [nameof(GatewayOptions.UsageRetentionSchedule)] = nameof(Loc.TunableUsageRetentionSchedule),
        [nameof(GatewayOptions.JobWorkerCount)] = nameof(Loc.TunableJobWorkerCount),
        [nameof(GatewayOptions.JobPollInterval)] = nameof(Loc.TunableJobPollInterval),
        [nameof(GatewayOptions.NativeMemoryTrimInterval)] = nameof(Loc.TunableNativeMemoryTrimInterval),
        [nameof(GatewayOptions.AccountSlotWaitTimeout)] = nameof(Loc.TunableAccountSlotWaitTimeout),
        [nameof(GatewayOptions.ApiKeyCacheTtl)] = nameof(Loc.TunableApiKeyCacheTtl),
        [nameof(GatewayOptions.UpstreamErrorBodyMaxBytes)] = nameof(Loc.TunableUpstreamErrorBodyMaxBytes),
        [nameof(GatewayOptions.ResponseStoreRetention)] = nameof(Loc.TunableResponseStoreRetention),
        [nameof(GatewayOptions.ResponseStoreRetentionSchedule)] = nameof(Loc.TunableResponseStoreRetentionSchedule),
        [nameof(GatewayOptions.ResponseStoreMaxItemBytes)] = nameof(Loc.TunableResponseStoreMaxItemBytes),
        [nameof(GatewayOptions.TokenCountTimeout)] = nameof(Loc.TunableTokenCountTimeout),
    };

    public IReadOnlyList<TunableRow> Describe(GatewayOptions options) =>
        [.. typeof(GatewayOptions).GetProperties()
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
            .Select(p => new TunableRow(
                $"{GatewayOptions.SectionName}:{p.Name}",
                Format(p.Name, p.GetValue(options)),
                Descriptions.TryGetValue(p.Name, out var key) ? loc[key] : ""))];

    /// <summary>A value in words: durations ("500 ms", "10 分钟"), sizes by their property's <c>Bytes</c> suffix, day counts by <c>Days</c>.</summary>
    public string Format(string name, object? value) => value switch
    {
        null => ConsoleFormat.None,
        TimeSpan duration => terms.Duration(duration),
        int or long when name.EndsWith("Bytes", StringComparison.Ordinal) => Size(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        int days when name.EndsWith("Days", StringComparison.Ordinal) => terms.Duration(TimeSpan.FromDays(days)),
        int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.CurrentCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    // The largest binary unit that divides the size evenly, so no rounding hides the configured number.
    private string Size(long bytes) => bytes switch
    {
        > 0 when bytes % (1024 * 1024) == 0 => string.Format(CultureInfo.CurrentCulture, loc[nameof(Loc.UnitMebibytes)], bytes / (1024 * 1024)),
        > 0 when bytes % 1024 == 0 => string.Format(CultureInfo.CurrentCulture, loc[nameof(Loc.UnitKibibytes)], bytes / 1024),
        _ => string.Format(CultureInfo.CurrentCulture, loc[nameof(Loc.UnitBytes)], bytes.ToString("N0", CultureInfo.CurrentCulture)),
    };
}
