namespace Gateway.Core.Routing;

/// <summary>
/// Picks the upstream protocol of an attempt and whether one protocol switch on the same account is allowed
/// (SPEC 5.1 routing part, 5.2). Pure: values in, a <see cref="ProtocolChoice"/> out.
/// <list type="bullet">
/// <item>Anthropic accounts: Messages, always (SPEC 5.5); unchanged for Messages clients, converted for the others.</item>
/// <item>A Messages client on an OpenAI(-compatible) account is served as a Chat client would be ("mirror" means Chat, the
/// protocol every such provider speaks), converted.</item>
/// <item>Passthrough accounts: the inbound protocol, unconverted (SPEC 4.2 forwards the client body unchanged).</item>
/// <item><c>chat</c> / <c>responses</c>: that protocol, always (the per-account override; beats cache and header).</item>
/// <item><c>both</c>: mirror the inbound protocol.</item>
/// <item>OAuth accounts in <c>auto</c>: Responses (the ChatGPT/Codex backend serves nothing else).</item>
/// <item><c>auto</c> with <c>auto_endpoint</c> off (the legacy path, seed 000): an openai(-compatible) apikey account
/// probed as not serving Responses gets Chat Completions — Chat requests as a raw pass-through, Responses
/// requests converted to Chat; probed true or not yet probed keeps the legacy behaviour of sending everything
/// to Responses (Chat requests converted), because an account that has been working must keep working.
/// No switch: the flag being off means the old behaviour, exactly.</item>
/// <item><c>auto</c> with <c>auto_endpoint</c> on (seed 001): the request's override header, else the cached success,
/// else a probed "unsupported" verdict (Chat), else the scenario preference (Codex clients and codex models →
/// Responses), else mirror the inbound protocol. One switch to the other protocol is allowed, except after an
/// explicit header override.</item>
/// </list>
/// </summary>
public static class EndpointModePolicy
{
    public static ProtocolChoice Choose(ProtocolSelectionContext context)
    {
        if (context.Platform == AccountPlatform.Anthropic)
        {
            return new ProtocolChoice(ApiProtocol.Messages, false, ProtocolChoiceReason.AnthropicMessages);
        }

        var inbound = context.Inbound == ApiProtocol.Messages ? ApiProtocol.Chat : context.Inbound;
        if (context.Passthrough)
        {
            return new ProtocolChoice(inbound, false, ProtocolChoiceReason.Passthrough);
        }

        switch (context.Mode)
        {
            case EndpointMode.Chat:
                return new ProtocolChoice(ApiProtocol.Chat, false, ProtocolChoiceReason.AccountMode);
            case EndpointMode.Responses:
                return new ProtocolChoice(ApiProtocol.Responses, false, ProtocolChoiceReason.AccountMode);
            case EndpointMode.Both:
                return new ProtocolChoice(inbound, false, ProtocolChoiceReason.Mirror);
        }

        if (context.Type == AccountType.OAuth)
        {
            return new ProtocolChoice(ApiProtocol.Responses, false, ProtocolChoiceReason.OAuthResponsesOnly);
        }

        if (!context.AutoEndpointEnabled)
        {
            return context.ResponsesSupported == false
                ? new ProtocolChoice(ApiProtocol.Chat, false, ProtocolChoiceReason.ProbedUnsupported)
                : new ProtocolChoice(ApiProtocol.Responses, false, ProtocolChoiceReason.Legacy);
        }

        if (context.Hints.RequestedProtocol is { } requested)
        {
            return new ProtocolChoice(requested, false, ProtocolChoiceReason.RequestOverride);
        }

        if (context.Cached is { } cached)
        {
            return new ProtocolChoice(cached, true, ProtocolChoiceReason.Cached);
        }

        if (context.ResponsesSupported == false)
        {
            return new ProtocolChoice(ApiProtocol.Chat, true, ProtocolChoiceReason.ProbedUnsupported);
        }

        if (context.Hints.IsCodexClient || CodexModelNormalizer.IsCodexModel(context.Model))
        {
            return new ProtocolChoice(ApiProtocol.Responses, true, ProtocolChoiceReason.CodexPreference);
        }

        return new ProtocolChoice(inbound, true, ProtocolChoiceReason.Mirror);
    }
}

/// <summary>Everything <see cref="EndpointModePolicy"/> decides from, for one account and one request.</summary>
public sealed record ProtocolSelectionContext(
    AccountPlatform Platform,
    AccountType Type,
    bool Passthrough,
    EndpointMode Mode,
    bool? ResponsesSupported,
    bool AutoEndpointEnabled,
    ApiProtocol Inbound,
    string Model,
    ClientHints Hints,
    ApiProtocol? Cached)
{
    public static ProtocolSelectionContext For(Account account, bool autoEndpointEnabled, ApiProtocol inbound, string model, ClientHints hints, ApiProtocol? cached) =>
        new(account.Platform, account.Type, account.Passthrough, account.EndpointMode, account.ResponsesSupported, autoEndpointEnabled, inbound, model, hints, cached);
}

/// <summary>The protocol of an attempt, whether one switch to the other protocol is allowed, and why.</summary>
public readonly record struct ProtocolChoice(ApiProtocol Protocol, bool MaySwitch, ProtocolChoiceReason Reason);

/// <summary>
/// Why an attempt spoke its upstream protocol: the rule of <see cref="EndpointModePolicy"/> that chose it, or the one
/// protocol switch the attempt loop made. Shown in usage traces as <c>protocol_reason</c>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProtocolChoiceReason>))]
public enum ProtocolChoiceReason
{
    [JsonStringEnumMemberName("passthrough")] Passthrough,
    [JsonStringEnumMemberName("account_mode")] AccountMode,
    [JsonStringEnumMemberName("mirror")] Mirror,
    [JsonStringEnumMemberName("oauth_responses_only")] OAuthResponsesOnly,
    [JsonStringEnumMemberName("legacy")] Legacy,
    [JsonStringEnumMemberName("probed_unsupported")] ProbedUnsupported,
    [JsonStringEnumMemberName("request_override")] RequestOverride,
    [JsonStringEnumMemberName("cached")] Cached,
    [JsonStringEnumMemberName("codex_preference")] CodexPreference,
    [JsonStringEnumMemberName("anthropic_messages")] AnthropicMessages,

    /// <summary>The first protocol failed at the protocol level and the attempt loop switched to the other one.</summary>
    [JsonStringEnumMemberName("protocol_switch")] ProtocolSwitch,
}
