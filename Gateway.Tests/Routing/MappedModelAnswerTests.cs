using Gateway.Tests.Security;

namespace Gateway.Tests.Routing;

/// <summary>
/// An account that maps the client's model to another name answers under the client's name in every protocol, stream
/// or not, as converted answers do: Claude Code leaves out the thinking of a turn that names another model than it
/// asked for. Without a mapping, the upstream's own name (often a dated one) reaches the client as it came.
/// </summary>
public sealed class MappedModelAnswerTests
{
    private const string ClientModel = "client-alias";
    private const string MappedModel = "provider-model";

    public static TheoryData<ApiProtocol, bool, bool> Rows()
    {
        var rows = new TheoryData<ApiProtocol, bool, bool>();
        foreach (var protocol in ClientAnswers.Protocols)
        {
            foreach (var stream in new[] { false, true })
            {
                foreach (var passthrough in new[] { false, true })
                {
                    rows.Add(protocol, stream, passthrough);
                }
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task AMappedModel_IsAnsweredUnderTheClientsName_WhereverItsProtocolNamesTheModel(ApiProtocol protocol, bool stream, bool passthrough)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await AddAccountAsync(gateway, protocol, i => i with { Passthrough = passthrough, ModelMapping = new Dictionary<string, string> { ["client-*"] = MappedModel } });
        upstream.On(WeatherTurns.PathFor(protocol), WeatherTurns.Final(protocol, stream));

        var (upstreamName, names) = await AskAsync(gateway, upstream, protocol, stream);

        Assert.Equal(MappedModel, upstreamName);
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Equal(ClientModel, name));
    }

    [Theory]
    [InlineData(ApiProtocol.Chat)]
    [InlineData(ApiProtocol.Responses)]
    [InlineData(ApiProtocol.Messages)]
    public async Task WithoutAMapping_TheUpstreamsOwnName_ReachesTheClient(ApiProtocol protocol)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await AddAccountAsync(gateway, protocol, i => i);
        upstream.On(WeatherTurns.PathFor(protocol), WeatherTurns.Final(protocol, stream: true));

        var (upstreamName, names) = await AskAsync(gateway, upstream, protocol, stream: true);

        Assert.Equal(ClientModel, upstreamName);
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Equal(protocol == ApiProtocol.Messages ? "claude-sonnet-4-5" : "gpt-4o", name));
    }

    private static Task<(Account Account, ScriptedUpstream Upstream)> AddAccountAsync(EngineHarness gateway, ApiProtocol protocol, Func<AccountInput, AccountInput> customise) =>
        gateway.AddAccountAsync(protocol.ToString().ToLowerInvariant(), i => customise(protocol switch
        {
            ApiProtocol.Chat => i with { EndpointMode = EndpointMode.Chat },
            ApiProtocol.Responses => i with { EndpointMode = EndpointMode.Responses },
            _ => i with { Platform = AccountPlatform.Anthropic },
        }));

    // The model the upstream was sent, and every model name the client's answer holds where its protocol names one.
    private static async Task<(string? Upstream, List<string> Client)> AskAsync(EngineHarness gateway, ScriptedUpstream upstream, ApiProtocol protocol, bool stream)
    {
        var question = JsonNode.Parse(WeatherTurns.Question(protocol, stream))!.AsObject();
        question["model"] = ClientModel;
        using var response = await gateway.PostAsync(WeatherTurns.PathFor(protocol), question.ToJsonString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);

        var answers = stream ? SseText.Payloads(body) : [JsonNode.Parse(body)!.AsObject()];
        var names = answers.Select(a => (stream, protocol) switch
        {
            (false, _) or (true, ApiProtocol.Chat) => a["model"],
            (true, ApiProtocol.Responses) => a["response"]?["model"],
            _ => a["message"]?["model"],
        }).OfType<JsonNode>().Select(n => n.GetValue<string>()).ToList();
        return (JsonNode.Parse(upstream.Received.Single().Body)!["model"]?.GetValue<string>(), names);
    }
}
