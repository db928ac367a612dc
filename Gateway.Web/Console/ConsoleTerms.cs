using System.Text.RegularExpressions;
using Failure = Gateway.Core.Policies.FailureClass;
using Terms = Gateway.Web.Resources.Terms;

namespace Gateway.Web.Console;

/// <summary>
/// The gateway's own words in the console's language: account states, attempt decisions, failure classes,
/// job names, audit actions, the texts the gateway writes (cooldown reasons, error summaries),
/// and durations in words. A word it does not know is shown as it came, so a new value is never hidden.
/// </summary>
internal sealed partial class ConsoleTerms(IStringLocalizer<Terms> loc)
{
    private static readonly Dictionary<string, string> DecisionKeys = new(StringComparer.Ordinal)
    {
        [AttemptDecision.Deliver.ToWire()] = nameof(Terms.DecisionDeliver),
        [AttemptDecision.SameAccountRetry.ToWire()] = nameof(Terms.DecisionSameAccountRetry),
        [AttemptDecision.ProtocolSwitch.ToWire()] = nameof(Terms.DecisionProtocolSwitch),
        [AttemptDecision.AccountSwitch.ToWire()] = nameof(Terms.DecisionAccountSwitch),
        [AttemptDecision.Stop.ToWire()] = nameof(Terms.DecisionStop),
    };

    private static readonly Dictionary<string, string> FailureKeys = new(StringComparer.Ordinal)
    {
        [Failure.None.ToWire()] = nameof(Terms.FailureNone),
        [Failure.RequestError.ToWire()] = nameof(Terms.FailureRequestError),
        [Failure.ModelNotSupported.ToWire()] = nameof(Terms.FailureModelNotSupported),
        [Failure.Unauthorized.ToWire()] = nameof(Terms.FailureUnauthorized),
        [Failure.PaymentRequired.ToWire()] = nameof(Terms.FailurePaymentRequired),
        [Failure.Forbidden.ToWire()] = nameof(Terms.FailureForbidden),
        [Failure.ForbiddenHtml.ToWire()] = nameof(Terms.FailureForbiddenHtml),
        [Failure.NotFound.ToWire()] = nameof(Terms.FailureNotFound),
        [Failure.MethodNotAllowed.ToWire()] = nameof(Terms.FailureMethodNotAllowed),
        [Failure.RateLimited.ToWire()] = nameof(Terms.FailureRateLimited),
        [Failure.Overloaded.ToWire()] = nameof(Terms.FailureOverloaded),
        [Failure.ServerError.ToWire()] = nameof(Terms.FailureServerError),
        [Failure.OtherClientError.ToWire()] = nameof(Terms.FailureClientError),
        [Failure.NetworkError.ToWire()] = nameof(Terms.FailureNetworkError),
        [Failure.Timeout.ToWire()] = nameof(Terms.FailureTimeout),
        [Failure.BrokenAnswer.ToWire()] = nameof(Terms.FailureBrokenAnswer),
        [Failure.QuotaExceeded.ToWire()] = nameof(Terms.FailureQuota),
    };

    private static readonly Dictionary<string, string> JobKeys = new(StringComparer.Ordinal)
    {
        [JobNames.CapabilityProbe] = nameof(Terms.JobCapabilityProbe),
        [JobNames.CooldownExpiry] = nameof(Terms.JobCooldownExpiry),
        [JobNames.UsageRetention] = nameof(Terms.JobUsageRetention),
        [JobNames.ResponseStoreRetention] = nameof(Terms.JobResponseStoreRetention),
    };

    private static readonly Dictionary<string, string> AuditKeys = new(StringComparer.Ordinal)
    {
        [AuditActions.AccountCreated] = nameof(Terms.AuditAccountCreated),
        [AuditActions.AccountUpdated] = nameof(Terms.AuditAccountUpdated),
        [AuditActions.AccountDeleted] = nameof(Terms.AuditAccountDeleted),
        [AuditActions.AccountEnabled] = nameof(Terms.AuditAccountEnabled),
        [AuditActions.AccountDisabled] = nameof(Terms.AuditAccountDisabled),
        [AuditActions.AccountError] = nameof(Terms.AuditAccountError),
        [AuditActions.AccountProbeRequested] = nameof(Terms.AuditAccountProbeRequested),
        [AuditActions.GroupCreated] = nameof(Terms.AuditGroupCreated),
        [AuditActions.GroupUpdated] = nameof(Terms.AuditGroupUpdated),
        [AuditActions.GroupDeleted] = nameof(Terms.AuditGroupDeleted),
        [AuditActions.KeyCreated] = nameof(Terms.AuditKeyCreated),
        [AuditActions.KeyEnabled] = nameof(Terms.AuditKeyEnabled),
        [AuditActions.KeyDisabled] = nameof(Terms.AuditKeyDisabled),
        [AuditActions.KeyDeleted] = nameof(Terms.AuditKeyDeleted),
        [AuditActions.UserCreated] = nameof(Terms.AuditUserCreated),
        [AuditActions.UserRoleChanged] = nameof(Terms.AuditUserRoleChanged),
        [AuditActions.UserPasswordSet] = nameof(Terms.AuditUserPasswordSet),
        [AuditActions.UserDeleted] = nameof(Terms.AuditUserDeleted),
        [AuditActions.AdminTokenCreated] = nameof(Terms.AuditAdminTokenCreated),
        [AuditActions.AdminTokenDeleted] = nameof(Terms.AuditAdminTokenDeleted),
        [AuditActions.CooldownStarted] = nameof(Terms.AuditCooldownStarted),
        [AuditActions.CooldownExpired] = nameof(Terms.AuditCooldownExpired),
        [AuditActions.CooldownCleared] = nameof(Terms.AuditCooldownCleared),
        [AuditActions.ModelSuspensionExpired] = nameof(Terms.AuditModelSuspensionExpired),
        [AuditActions.EndpointCacheExpired] = nameof(Terms.AuditEndpointCacheExpired),
        [AuditActions.JobTriggered] = nameof(Terms.AuditJobTriggered),
    };

    // The texts the gateway writes into usage logs (Gateway.Core's ExhaustionPolicy, forwarder), into the result of a
    // connection test or probe (UpstreamPing) and into the audit entries of its own state changes (AccountStateUpdater,
    // CooldownExpiry), each with the resource that says it in the console's language; the
    // captured values fill the resource's placeholders in order. Account reasons are not among them: they are read back
    // into their structure (AccountReason).
    private static readonly (Regex Pattern, string Key)[] Messages =
    [
        (AllFailedPattern(), nameof(Terms.MessageAllFailed)),
        (AllFailedLastErrorPattern(), nameof(Terms.MessageAllFailedLastError)),
        (AllRateLimitedPattern(), nameof(Terms.MessageAllRateLimited)),
        (NoAccountPattern(), nameof(Terms.MessageNoAccount)),
        (ClientClosedPattern(), nameof(Terms.MessageClientClosed)),
        (InternalErrorPattern(), nameof(Terms.MessageInternalError)),
        (UnreachablePattern(), nameof(Terms.MessageUnreachable)),
        (HeadersTimedOutPattern(), nameof(Terms.MessageHeadersTimedOut)),
        (ReadFailedPattern(), nameof(Terms.MessageReadFailed)),
        (ReadTimedOutPattern(), nameof(Terms.MessageReadTimedOut)),
        (EndedEarlyPattern(), nameof(Terms.MessageEndedEarly)),
        (AnswerUnusablePattern(), nameof(Terms.MessageAnswerUnusable)),
        (ConversionFailedPattern(), nameof(Terms.MessageConversionFailed)),
        (ClientWriteFailedPattern(), nameof(Terms.MessageClientWriteFailed)),
        (ClientStoppedReadingPattern(), nameof(Terms.MessageClientStoppedReading)),
        (NetworkErrorPattern(), nameof(Terms.MessageNetworkError)),
        (NoAnswerWithinPattern(), nameof(Terms.MessageNoAnswerWithin)),
        (CooldownUntilPattern(), nameof(Terms.MessageCooldownUntil)),
        (CooldownEndedPattern(), nameof(Terms.MessageCooldownEnded)),
        (SuspensionEndedPattern(), nameof(Terms.MessageSuspensionEnded)),
        (EndpointCacheExpiredPattern(), nameof(Terms.MessageEndpointCacheExpired)),

        // Usage summaries put the upstream status before the text ("200 The upstream stream ended…"); last, so
        // a text that begins with a status of its own matches whole first.
        (WithStatusPattern(), nameof(Terms.MessageWithStatus)),
    ];

    /// <summary>A console role (<see cref="AdminRoles"/>) by its name in the console's language.</summary>
    public string Role(string role) => role == AdminRoles.Admin ? loc[nameof(Terms.RoleAdmin)] : loc[nameof(Terms.RoleViewer)];

    /// <summary>A console user with its role, in the console's language.</summary>
    public string UserWithRole(string email, string role) => loc[nameof(Terms.UserWithRole), email, Role(role)];

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

    /// <summary>What an anthropic account speaks in place of an endpoint mode.</summary>
    public string MessagesOnly => loc[nameof(Terms.EndpointMessagesOnly)];

    public string Platform(AccountPlatform platform) => platform switch
    {
        AccountPlatform.OpenAi => loc[nameof(Terms.PlatformOpenAi)],
        AccountPlatform.Anthropic => loc[nameof(Terms.PlatformAnthropic)],
        _ => loc[nameof(Terms.PlatformOpenAiCompatible)],
    };

    public string CredentialType(AccountType type) => type == AccountType.OAuth ? loc[nameof(Terms.TypeOAuth)] : loc[nameof(Terms.TypeApiKey)];

    /// <summary>An attempt's decision, from its wire name (<c>account_switch</c>…).</summary>
    public string Decision(string? wire) => Lookup(DecisionKeys, wire);

    /// <summary>An attempt's failure class, from its wire name (<c>rate_limited</c>…).</summary>
    public string FailureClass(string? wire) => Lookup(FailureKeys, wire);

    public string JobName(string? name) => Lookup(JobKeys, name);

    public string AuditAction(string? action) => Lookup(AuditKeys, action);

    /// <summary>
    /// Why an account cools down, is in error or has a model suspended, named from the reason's code and numbers
    /// (<see cref="Core.Policies.AccountReason"/>); a line the engine did not write is shown as it is.
    /// </summary>
    public string AccountReason(string? stored) =>
        Core.Policies.AccountReason.Parse(stored) is { } reason ? Reason(reason) : string.IsNullOrEmpty(stored) ? ConsoleFormat.None : stored;

    /// <summary>What a capability probe or connection test stored beside its verdict, in the console's language; null for nothing.</summary>
    public string? ProbeDetail(string? detail) => string.IsNullOrEmpty(detail) ? null : GatewayMessage(detail);

    /// <summary>A text the gateway wrote (usage error summary, which may quote an account reason); an upstream's own text stays as it is.</summary>
    public string GatewayMessage(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return ConsoleFormat.None;
        }

        if (Core.Policies.AccountReason.Parse(text) is { } reason)
        {
            return Reason(reason);
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

    /// <summary>A measured time in milliseconds ("1234 ms", "1234 毫秒"), where <see cref="Duration"/> would round it.</summary>
    public string Milliseconds(long milliseconds) => Unit(nameof(Terms.UnitMilliseconds), milliseconds);

    // A captured value is a number, a time (shown as the console shows times), a failure class (transient failures name
    // theirs) or another gateway text.
    private string GatewayMessageOrValue(string value) =>
        value.All(char.IsAsciiDigit) ? value
        : DateTimeOffset.TryParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? ConsoleFormat.Utc(time.UtcDateTime)
        : FailureKeys.ContainsKey(value) ? FailureClass(value)
        : GatewayMessage(value);

    private string Reason(Core.Policies.AccountReason reason) => reason.Code switch
    {
        AccountReasonCode.RateLimited => loc[nameof(Terms.ReasonRateLimited)],
        AccountReasonCode.QuotaExhausted => loc[nameof(Terms.ReasonQuotaExhausted)],
        AccountReasonCode.Overloaded => loc[nameof(Terms.ReasonOverloaded)],
        AccountReasonCode.ServerError => loc[nameof(Terms.ReasonServerError)],
        AccountReasonCode.Transient => loc[nameof(Terms.ReasonTransient), FailureClass(reason.Failure.ToWire())],
        AccountReasonCode.ForbiddenStrike => loc[nameof(Terms.ReasonForbiddenStrike), reason.Count, reason.Limit],
        AccountReasonCode.ForbiddenRetired => loc[nameof(Terms.ReasonForbiddenRetired), reason.Count, reason.Limit],
        AccountReasonCode.ApiKeyRefused => loc[nameof(Terms.ReasonApiKeyRefused)],
        AccountReasonCode.UnauthorizedAfterRefresh => loc[nameof(Terms.ReasonUnauthorizedAfterRefresh)],
        AccountReasonCode.ModelNotSupported => loc[nameof(Terms.ReasonModelNotSupported)],
        _ => reason.Text,
    };

    private string Unit(string key, long value) => loc[key, value];

    private string Lookup(Dictionary<string, string> keys, string? wire) =>
        wire is null ? ConsoleFormat.None : keys.TryGetValue(wire, out var key) ? loc[key] : wire;

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

    [GeneratedRegex(@"^Network error: (.+)$", RegexOptions.Singleline)]
    private static partial Regex NetworkErrorPattern();

    [GeneratedRegex(@"^No answer within ([0-9.,]+) s\.$")]
    private static partial Regex NoAnswerWithinPattern();

    [GeneratedRegex(@"^(.+) until ([0-9]{4}-[0-9]{2}-[0-9]{2}T\S+)$", RegexOptions.Singleline)]
    private static partial Regex CooldownUntilPattern();

    [GeneratedRegex(@"^Cooldown \((.+)\) ended at ([0-9]{4}-[0-9]{2}-[0-9]{2}T\S+)\.$", RegexOptions.Singleline)]
    private static partial Regex CooldownEndedPattern();

    [GeneratedRegex(@"^Model (.+) \((.+)\) schedulable again\.$", RegexOptions.Singleline)]
    private static partial Regex SuspensionEndedPattern();

    [GeneratedRegex(@"^Cached (\w+) protocol for model (.+) expired\.$", RegexOptions.Singleline)]
    private static partial Regex EndpointCacheExpiredPattern();

    [GeneratedRegex(@"^([1-5][0-9]{2}) (.+)$", RegexOptions.Singleline)]
    private static partial Regex WithStatusPattern();
}
