namespace Gateway.Tests.Routing;

public sealed class EndpointModePolicyTests
{
    private const AccountPlatform OpenAi = AccountPlatform.OpenAi;
    private const AccountPlatform Anthropic = AccountPlatform.Anthropic;
    private const AccountType ApiKey = AccountType.ApiKey;
    private const AccountType OAuth = AccountType.OAuth;
    private const ApiProtocol Chat = ApiProtocol.Chat;
    private const ApiProtocol Responses = ApiProtocol.Responses;
    private const ApiProtocol Messages = ApiProtocol.Messages;

    public static TheoryData<string, ProtocolSelectionContext, ProtocolChoice> Cases => new()
    {
        { "passthrough never converts", Context(passthrough: true, mode: EndpointMode.Responses, inbound: Chat, autoEndpoint: true), new(Chat, false, ProtocolChoiceReason.Passthrough) },

        // Fixed account modes are per-account overrides: they beat the cache, the header and the flag.
        { "chat mode", Context(mode: EndpointMode.Chat, inbound: Responses, cached: Responses), new(Chat, false, ProtocolChoiceReason.AccountMode) },
        { "responses mode", Context(mode: EndpointMode.Responses, autoEndpoint: true, hints: new(false, Chat)), new(Responses, false, ProtocolChoiceReason.AccountMode) },
        { "both mirrors chat", Context(mode: EndpointMode.Both, inbound: Chat), new(Chat, false, ProtocolChoiceReason.Mirror) },
        { "both mirrors responses", Context(mode: EndpointMode.Both, inbound: Responses), new(Responses, false, ProtocolChoiceReason.Mirror) },

        // auto, flag off: the legacy path of seed 000.
        { "legacy unknown chat", Context(inbound: Chat, supported: null), new(Responses, false, ProtocolChoiceReason.Legacy) },
        { "legacy probed true", Context(inbound: Chat, supported: true), new(Responses, false, ProtocolChoiceReason.Legacy) },
        { "legacy unsupported chat passthrough", Context(inbound: Chat, supported: false), new(Chat, false, ProtocolChoiceReason.ProbedUnsupported) },
        { "legacy unsupported responses converted", Context(inbound: Responses, supported: false), new(Chat, false, ProtocolChoiceReason.ProbedUnsupported) },
        { "legacy ignores cache and header", Context(inbound: Chat, cached: Chat, hints: new(false, Chat)), new(Responses, false, ProtocolChoiceReason.Legacy) },
        { "oauth always responses", Context(type: OAuth, inbound: Chat, supported: false, autoEndpoint: true), new(Responses, false, ProtocolChoiceReason.OAuthResponsesOnly) },

        // auto, flag on: header > cache > probe verdict > scenario > mirror.
        { "header beats cache", Context(autoEndpoint: true, cached: Responses, hints: new(false, Chat)), new(Chat, false, ProtocolChoiceReason.RequestOverride) },
        { "cache beats codex", Context(autoEndpoint: true, inbound: Responses, cached: Chat, hints: new(true, null)), new(Chat, true, ProtocolChoiceReason.Cached) },
        { "unsupported beats codex", Context(autoEndpoint: true, supported: false, hints: new(true, null)), new(Chat, true, ProtocolChoiceReason.ProbedUnsupported) },
        { "codex client prefers responses", Context(autoEndpoint: true, inbound: Chat, hints: new(true, null)), new(Responses, true, ProtocolChoiceReason.CodexPreference) },
        { "codex model prefers responses", Context(autoEndpoint: true, inbound: Chat, model: "gpt-5-codex-high"), new(Responses, true, ProtocolChoiceReason.CodexPreference) },
        { "mirror chat", Context(autoEndpoint: true, inbound: Chat), new(Chat, true, ProtocolChoiceReason.Mirror) },
        { "mirror responses", Context(autoEndpoint: true, inbound: Responses, supported: true), new(Responses, true, ProtocolChoiceReason.Mirror) },

        // 5.5: anthropic accounts speak Messages whatever else is set; Messages clients elsewhere are served as Chat clients.
        { "anthropic messages client", Context(platform: Anthropic, inbound: Messages, autoEndpoint: true), new(Messages, false, ProtocolChoiceReason.AnthropicMessages) },
        { "anthropic chat client converted", Context(platform: Anthropic, inbound: Chat, mode: EndpointMode.Chat), new(Messages, false, ProtocolChoiceReason.AnthropicMessages) },
        { "anthropic passthrough still messages", Context(platform: Anthropic, passthrough: true, inbound: Responses), new(Messages, false, ProtocolChoiceReason.AnthropicMessages) },
        { "messages client mirrors chat", Context(autoEndpoint: true, inbound: Messages), new(Chat, true, ProtocolChoiceReason.Mirror) },
        { "messages client both mode", Context(mode: EndpointMode.Both, inbound: Messages), new(Chat, false, ProtocolChoiceReason.Mirror) },
        { "messages client on passthrough converted to chat", Context(passthrough: true, inbound: Messages), new(Chat, false, ProtocolChoiceReason.Passthrough) },
        { "messages client legacy", Context(inbound: Messages, supported: null), new(Responses, false, ProtocolChoiceReason.Legacy) },
        { "messages client responses mode", Context(mode: EndpointMode.Responses, inbound: Messages), new(Responses, false, ProtocolChoiceReason.AccountMode) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Choose_FollowsTheEndpointModeRules(string rule, ProtocolSelectionContext context, ProtocolChoice expected)
    {
        var chosen = EndpointModePolicy.Choose(context);

        Assert.True(expected == chosen, $"{rule}: expected {expected}, chose {chosen}");
    }

    [Fact]
    public void For_ReadsTheAccountsSettings()
    {
        var account = new Account { Name = "a", BaseUrl = "https://x", Platform = Anthropic, EndpointMode = EndpointMode.Both, ResponsesSupported = false };

        var context = ProtocolSelectionContext.For(account, true, Responses, "m", ClientHints.None, Chat);

        Assert.Equal(Context(platform: Anthropic, mode: EndpointMode.Both, supported: false, autoEndpoint: true, inbound: Responses, model: "m", cached: Chat), context);
    }

    [Theory]
    [InlineData("codex_cli_rs", null, null, true, null)]
    [InlineData("codex_exec", null, null, true, null)]
    [InlineData("codex_sdk_ts", null, null, true, null)]
    [InlineData(null, "codex_exec/0.50.0 (Ubuntu 24.4.0; x86_64) unknown (codex_exec; 0.50.0)", null, true, null)]
    [InlineData("codexy", "Mozilla/5.0", null, false, null)]
    [InlineData(null, "codex_cli_rs/0.46.0 (Mac OS 15.0.1; arm64) iTerm.app", null, true, null)]
    [InlineData("codex_vscode", null, "chat", true, Chat)]
    [InlineData(null, "OpenAI/Python 1.99.0", "Responses", false, Responses)]
    [InlineData(null, "curl/8.0", "bogus", false, null)]
    [InlineData(null, "curl/8.0", "messages", false, null)]
    public void ClientHints_RecogniseCodexAndTheOverrideHeader(string? originator, string? userAgent, string? header, bool codex, ApiProtocol? requested) =>
        Assert.Equal(new ClientHints(codex, requested), ClientHints.From(originator, userAgent, header));

    private static ProtocolSelectionContext Context(
        AccountPlatform platform = OpenAi,
        AccountType type = ApiKey,
        bool passthrough = false,
        EndpointMode mode = EndpointMode.Auto,
        bool? supported = null,
        bool autoEndpoint = false,
        ApiProtocol inbound = Chat,
        string model = "gpt-4o",
        ClientHints? hints = null,
        ApiProtocol? cached = null) =>
        new(platform, type, passthrough, mode, supported, autoEndpoint, inbound, model, hints ?? ClientHints.None, cached);
}
