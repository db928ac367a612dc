using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Web.Console.Accounts;
using Microsoft.Extensions.Localization;
using Terms = Gateway.Web.Resources.Terms;

namespace Gateway.Web.Console;

/// <summary>
/// The gateway's own words in the console's language: account states, attempt decisions, failure classes,
/// job names and outcomes, audit actions, the texts the gateway writes (cooldown reasons, error summaries),
/// and durations in words. A word it does not know is shown as it came, so a new value is never hidden.
/// </summary>
internal sealed partial class ConsoleTerms(IStringLocalizer<Terms> loc)
{
    private static readonly Dictionary<string, string> Decisions = new(StringComparer.Ordinal)
    {
        ["deliver"] = nameof(Terms.DecisionDeliver),
        ["same_account_retry"] = nameof(Terms.DecisionSameAccountRetry),
        ["protocol_switch"] = nameof(Terms.DecisionProtocolSwitch),
        ["account_switch"] = nameof(Terms.DecisionAccountSwitch),
        ["stop"] = nameof(Terms.DecisionStop),
    };

    private static readonly Dictionary<string, string> FailureClasses = new(StringComparer.Ordinal)
    {
        ["none"] = nameof(Terms.FailureNone),
        ["request_error"] = nameof(Terms.FailureRequestError),
        ["model_not_supported"] = nameof(Terms.FailureModelNotSupported),
        ["unauthorized"] = nameof(Terms.FailureUnauthorized),
        ["payment_required"] = nameof(Terms.FailurePaymentRequired),
        ["forbidden"] = nameof(Terms.FailureForbidden),
        ["forbidden_html"] = nameof(Terms.FailureForbiddenHtml),
        ["not_found"] = nameof(Terms.FailureNotFound),
        ["method_not_allowed"] = nameof(Terms.FailureMethodNotAllowed),
        ["rate_limited"] = nameof(Terms.FailureRateLimited),
        ["overloaded"] = nameof(Terms.FailureOverloaded),
        ["server_error"] = nameof(Terms.FailureServerError),
        ["client_error"] = nameof(Terms.FailureClientError),
        ["network_error"] = nameof(Terms.FailureNetworkError),
        ["timeout"] = nameof(Terms.FailureTimeout),
        ["broken_answer"] = nameof(Terms.FailureBrokenAnswer),
        ["quota_exceeded"] = nameof(Terms.FailureQuota),
    };

    private static readonly Dictionary<string, string> Jobs = new(StringComparer.Ordinal)
    {
        ["capability-probe"] = nameof(Terms.JobCapabilityProbe),
        ["cooldown-expiry"] = nameof(Terms.JobCooldownExpiry),
        ["usage-retention"] = nameof(Terms.JobUsageRetention),
        ["response-store-retention"] = nameof(Terms.JobResponseStoreRetention),
    };

    private static readonly Dictionary<string, string> Outcomes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["succeeded"] = nameof(Terms.OutcomeSucceeded),
        ["failed"] = nameof(Terms.OutcomeFailed),
        ["running"] = nameof(Terms.OutcomeRunning),
        ["processing"] = nameof(Terms.OutcomeRunning),
    };

    private static readonly Dictionary<string, string> AuditActions = new(StringComparer.Ordinal)
    {
        ["account_created"] = nameof(Terms.AuditAccountCreated),
        ["account_updated"] = nameof(Terms.AuditAccountUpdated),
        ["account_deleted"] = nameof(Terms.AuditAccountDeleted),
        ["account_enabled"] = nameof(Terms.AuditAccountEnabled),
        ["account_disabled"] = nameof(Terms.AuditAccountDisabled),
        ["account_error"] = nameof(Terms.AuditAccountError),
        ["cooldown_started"] = nameof(Terms.AuditCooldownStarted),
        ["cooldown_expired"] = nameof(Terms.AuditCooldownExpired),
        ["cooldown_cleared"] = nameof(Terms.AuditCooldownCleared),
        ["model_suspension_expired"] = nameof(Terms.AuditModelSuspensionExpired),
        ["endpoint_cache_expired"] = nameof(Terms.AuditEndpointCacheExpired),
    };

    // The texts the gateway writes into account state and usage logs (Gateway.Core's CooldownRules,
    // ExhaustionPolicy, forwarder), each with the resource that says it in the console's language; the
    // captured values fill the resource's placeholders in order.
    private static readonly (Regex Pattern, string Key)[] Messages =
    [
        (RateLimitedPattern(), nameof(Terms.MessageRateLimited)),
        (OverloadedPattern(), nameof(Terms.MessageOverloaded)),
        (ServerErrorPattern(), nameof(Terms.MessageServerError)),
        (UnauthorizedAfterRefreshPattern(), nameof(Terms.MessageUnauthorizedAfterRefresh)),
        (ApiKeyRefusedPattern(), nameof(Terms.MessageApiKeyRefused)),
        (ForbiddenCooldownPattern(), nameof(Terms.MessageForbiddenCooldown)),
        (ForbiddenRetiredPattern(), nameof(Terms.MessageForbiddenRetired)),
        (ModelNotSupportedPattern(), nameof(Terms.MessageModelNotSupported)),
        (AllFailedPattern(), nameof(Terms.MessageAllFailed)),
        (AllFailedLastErrorPattern(), nameof(Terms.MessageAllFailedLastError)),
        (AllRateLimitedPattern(), nameof(Terms.MessageAllRateLimited)),
        (NoAccountPattern(), nameof(Terms.MessageNoAccount)),
        (ClientClosedPattern(), nameof(Terms.MessageClientClosed)),
        (InternalErrorPattern(), nameof(Terms.MessageInternalError)),
        (QuotaExhaustedPattern(), nameof(Terms.MessageQuotaExhausted)),
        (TransientPattern(), nameof(Terms.MessageTransient)),
        (UnreachablePattern(), nameof(Terms.MessageUnreachable)),
        (HeadersTimedOutPattern(), nameof(Terms.MessageHeadersTimedOut)),
        (ReadFailedPattern(), nameof(Terms.MessageReadFailed)),
        (ReadTimedOutPattern(), nameof(Terms.MessageReadTimedOut)),
        (EndedEarlyPattern(), nameof(Terms.MessageEndedEarly)),
        (AnswerUnusablePattern(), nameof(Terms.MessageAnswerUnusable)),
        (ConversionFailedPattern(), nameof(Terms.MessageConversionFailed)),
        (ClientWriteFailedPattern(), nameof(Terms.MessageClientWriteFailed)),
        (ClientStoppedReadingPattern(), nameof(Terms.MessageClientStoppedReading)),

        // Usage summaries put the upstream status before the text ("200 The upstream stream ended…"); last, so
        // the texts that begin with their own status ("429 rate limited") match whole first.
        (WithStatusPattern(), nameof(Terms.MessageWithStatus)),
    ];

    public string AccountState(AccountState state) => state switch
    {
        Accounts.AccountState.Active => loc[nameof(Terms.StateActive)],
        Accounts.AccountState.CoolingDown => loc[nameof(Terms.StateCoolingDown)],
        Accounts.AccountState.Disabled => loc[nameof(Terms.StateDisabled)],
        _ => loc[nameof(Terms.StateError)],
    };

    public string Probe(ProbeState probe) => probe switch
    {
        ProbeState.Supported => loc[nameof(Terms.ProbeSupported)],
        ProbeState.Unsupported => loc[nameof(Terms.ProbeUnsupported)],
        _ => loc[nameof(Terms.ProbeUnknown)],
    };

    public string EndpointMode(EndpointMode mode) => mode switch
    {
        Gateway.Core.Accounts.EndpointMode.Chat => loc[nameof(Terms.EndpointChat)],
        Gateway.Core.Accounts.EndpointMode.Responses => loc[nameof(Terms.EndpointResponses)],
        Gateway.Core.Accounts.EndpointMode.Both => loc[nameof(Terms.EndpointBoth)],
        _ => loc[nameof(Terms.EndpointAuto)],
    };

    public string Platform(AccountPlatform platform) => platform switch
    {
        AccountPlatform.OpenAi => loc[nameof(Terms.PlatformOpenAi)],
        AccountPlatform.Anthropic => loc[nameof(Terms.PlatformAnthropic)],
        _ => loc[nameof(Terms.PlatformOpenAiCompatible)],
    };

    public string CredentialType(AccountType type) => type == AccountType.OAuth ? loc[nameof(Terms.TypeOAuth)] : loc[nameof(Terms.TypeApiKey)];

    /// <summary>An attempt's decision, from its wire name (<c>account_switch</c>…).</summary>
    public string Decision(string? wire) => Lookup(Decisions, wire);

    /// <summary>An attempt's failure class, from its wire name (<c>rate_limited</c>…).</summary>
    public string FailureClass(string? wire) => Lookup(FailureClasses, wire);

    public string JobName(string? name) => Lookup(Jobs, name);

    /// <summary>A job run's outcome; null is a job that never ran.</summary>
    public string JobOutcome(string? outcome) => outcome is null ? loc[nameof(Terms.OutcomeNever)] : Lookup(Outcomes, outcome);

    public string AuditAction(string? action) => Lookup(AuditActions, action);

    /// <summary>A text the gateway wrote (cooldown reason, account error, usage error summary); an upstream's own text stays as it is.</summary>
    public string GatewayMessage(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ConsoleFormat.None;
        }

        foreach (var (pattern, key) in Messages)
        {
            var match = pattern.Match(text);
            if (match.Success)
            {
                // A summary may quote another of the gateway's texts (the last error): that one is translated too.
                var values = match.Groups.Cast<System.Text.RegularExpressions.Group>().Skip(1).Select(g => (object)GatewayMessageOrValue(g.Value)).ToArray();
                return loc[key, values];
            }
        }

        return text;
    }

    /// <summary>A duration in words with its two largest units: "500 ms", "5 s", "4 min 12 s", "1 h 30 min", "2 d 3 h".</summary>
    public string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return Unit(nameof(Terms.UnitMilliseconds), (long)Math.Max(0, duration.TotalMilliseconds));
        }

        var parts = new (string Key, long Value)[]
        {
            (nameof(Terms.UnitDays), duration.Days),
            (nameof(Terms.UnitHours), duration.Hours),
            (nameof(Terms.UnitMinutes), duration.Minutes),
            (nameof(Terms.UnitSeconds), duration.Seconds),
        };
        var first = Array.FindIndex(parts, p => p.Value > 0);
        return string.Join(" ", parts.Skip(first).Take(2).Where(p => p.Value > 0).Select(p => Unit(p.Key, p.Value)));
    }

    // A captured value is a number, a failure class (transient failures name theirs) or another gateway text.
    private string GatewayMessageOrValue(string value) =>
        value.All(char.IsAsciiDigit) ? value : FailureClasses.ContainsKey(value) ? FailureClass(value) : GatewayMessage(value);

    private string Unit(string key, long value) => loc[key, value];

    private string Lookup(Dictionary<string, string> keys, string? wire) =>
        wire is null ? ConsoleFormat.None : keys.TryGetValue(wire, out var key) ? loc[key] : wire;

    [GeneratedRegex(@"^429 rate limited$")]
    private static partial Regex RateLimitedPattern();

    [GeneratedRegex(@"^529 overloaded$")]
    private static partial Regex OverloadedPattern();

    [GeneratedRegex(@"^5xx upstream error$")]
    private static partial Regex ServerErrorPattern();

    [GeneratedRegex(@"^401 unauthorized after token refresh$")]
    private static partial Regex UnauthorizedAfterRefreshPattern();

    [GeneratedRegex(@"^401 unauthorized: the upstream refused the API key$")]
    private static partial Regex ApiKeyRefusedPattern();

    [GeneratedRegex(@"^403 temporary cooldown \((\d+)/(\d+)\)$")]
    private static partial Regex ForbiddenCooldownPattern();

    [GeneratedRegex(@"^403 forbidden (\d+) times within (\d+) minutes$")]
    private static partial Regex ForbiddenRetiredPattern();

    [GeneratedRegex(@"^model_not_supported$")]
    private static partial Regex ModelNotSupportedPattern();

    [GeneratedRegex(@"^Every upstream account failed\.$")]
    private static partial Regex AllFailedPattern();

    [GeneratedRegex(@"^Every upstream account failed; last error: (.+)$", RegexOptions.Singleline)]
    private static partial Regex AllFailedLastErrorPattern();

    [GeneratedRegex(@"^All upstream accounts for this model are rate-limited or cooling down; retry later\.$")]
    private static partial Regex AllRateLimitedPattern();

    [GeneratedRegex(@"^No upstream account is available for this model\.$")]
    private static partial Regex NoAccountPattern();

    [GeneratedRegex(@"^client closed the request$")]
    private static partial Regex ClientClosedPattern();

    [GeneratedRegex(@"^internal gateway error$")]
    private static partial Regex InternalErrorPattern();

    [GeneratedRegex(@"^quota exhausted$")]
    private static partial Regex QuotaExhaustedPattern();

    [GeneratedRegex(@"^transient upstream failure \(([a-z_]+)\)$")]
    private static partial Regex TransientPattern();

    [GeneratedRegex(@"^The upstream could not be reached\.$")]
    private static partial Regex UnreachablePattern();

    [GeneratedRegex(@"^The upstream did not answer within the idle timeout\.$")]
    private static partial Regex HeadersTimedOutPattern();

    [GeneratedRegex(@"^The upstream connection broke before the answer was complete\.$")]
    private static partial Regex ReadFailedPattern();

    [GeneratedRegex(@"^The upstream went silent before the answer was complete\.$")]
    private static partial Regex ReadTimedOutPattern();

    [GeneratedRegex(@"^The upstream stream ended before the answer was complete\.$")]
    private static partial Regex EndedEarlyPattern();

    [GeneratedRegex(@"^The upstream answer is not a JSON object\.$")]
    private static partial Regex AnswerUnusablePattern();

    [GeneratedRegex(@"^The gateway could not convert the upstream answer\.$")]
    private static partial Regex ConversionFailedPattern();

    [GeneratedRegex(@"^writing to the client failed$")]
    private static partial Regex ClientWriteFailedPattern();

    [GeneratedRegex(@"^the client stopped reading$")]
    private static partial Regex ClientStoppedReadingPattern();

    [GeneratedRegex(@"^([1-5][0-9]{2}) (.+)$", RegexOptions.Singleline)]
    private static partial Regex WithStatusPattern();
}
