using System.Net;
using Gateway.Tests.Protocols;
using Gateway.Tests.Protocols.Messages;

namespace Gateway.Tests.Security;

/// <summary>
/// SPEC 9, bad input: every member and element of a full request of each protocol, replaced in turn by a value of each
/// other JSON kind, and sent to an account of each protocol. The gateway answers either as it would a valid request or
/// with a 4xx in the client's protocol: never a 500, whatever the same-protocol rewrites, the history repairs or the
/// conversions expected to find there.
/// </summary>
public sealed class MalformedMemberTests
{
    private const string ResponsesCountPath = "/v1/responses/input_tokens";
    private const string MessagesCountPath = "/v1/messages/count_tokens";

    /// <summary>Each client path to an account of each protocol, and the token counts: the upstream's own count where the account speaks the protocol, else the gateway's.</summary>
    public static TheoryData<string, ApiProtocol, bool> Pairs() => ClientAnswers.Rows(
        (from path in new[] { EngineHarness.ChatPath, EngineHarness.ResponsesPath, EngineHarness.MessagesPath }
         from account in ClientAnswers.Protocols
         from stream in new[] { false, true }
         select (path, account, stream))
        .Concat(from path in new[] { ResponsesCountPath, MessagesCountPath } from account in ClientAnswers.Protocols select (path, account, false)));

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task EveryMemberOfAnotherKind_GetsAnAnswerOrA4xxInTheClientsProtocol_NeverA500(string path, ApiProtocol account, bool stream)
    {
        await using var gateway = await EngineHarness.StartAsync();
        var (_, upstream) = await gateway.AddAccountSpeakingAsync(account);
        upstream.On(EngineHarness.ChatPath, stream ? UpstreamReply.ChatStream(["o", "k"]) : UpstreamReply.ChatCompletion("ok"));
        upstream.On(EngineHarness.ResponsesPath, stream ? UpstreamReply.ResponsesStream(["o", "k"]) : UpstreamReply.ResponsesAnswer("ok"));
        upstream.On(EngineHarness.MessagesPath, stream ? AnthropicReplies.TextStream("o", "k") : AnthropicReplies.Message("end_turn", AnthropicReplies.Text("ok")));
        upstream.On(ResponsesCountPath, UpstreamReply.Json("""{"object":"response.input_tokens","input_tokens":1}"""));
        upstream.On(MessagesCountPath, UpstreamReply.Json("""{"input_tokens":1}"""));
        var request = FullRequest(path, stream);
        var client = ClientProtocol(path);

        var failures = new List<string>();
        // A null stream asks for one JSON answer, which the streaming scripts do not give.
        foreach (var (where, body) in MalformedJson.Variants(request).Where(v => !(stream && v.Where == "$.stream = null")))
        {
            var response = await gateway.PostAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK ? !ClientAnswers.IsWhole(client, stream, text) : (int)response.StatusCode >= 500 || !ClientAnswers.IsError(client, text))
            {
                failures.Add($"{where}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static JsonObject FullRequest(string path, bool stream)
    {
        var request = Golden.Parse(path switch
        {
            EngineHarness.ChatPath => ChatToResponsesRequestTests.FullChatRequest,
            EngineHarness.ResponsesPath or ResponsesCountPath => ParameterTableTests.CodexRequest,
            _ => MessagesRequestToChatTests.FullMessagesRequest,
        });
        request["stream"] = stream;
        return request;
    }

    private static ApiProtocol ClientProtocol(string path) =>
        path.StartsWith(EngineHarness.MessagesPath, StringComparison.Ordinal) ? ApiProtocol.Messages
        : path.StartsWith(EngineHarness.ResponsesPath, StringComparison.Ordinal) ? ApiProtocol.Responses
        : ApiProtocol.Chat;
}
