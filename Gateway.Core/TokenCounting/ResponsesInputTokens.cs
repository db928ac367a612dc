using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Core.Accounts;
using Gateway.Core.Conversations;
using Gateway.Core.Forwarding;
using Gateway.Core.Options;
using Gateway.Core.Protocols;
using Gateway.Core.Protocols.Conversion;
using Gateway.Core.Protocols.Responses;
using Gateway.Core.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Core.TokenCounting;

/// <summary>
/// Answers <c>POST /v1/responses/input_tokens</c> (SPEC 4.4): an account of the key's group that is sent Responses
/// requests for the model counts with its own endpoint; otherwise — no such account free right now, or its endpoint
/// missing (404) or failing — the gateway counts locally. Never changes account state: a count is no evidence about an
/// account's health, so no cooldown, suspension or strike is set or cleared, and the account is not marked as used.
/// </summary>
internal sealed partial class ResponsesInputTokens(
    AccountSelector selector,
    IUpstreamProtocolSelector protocols,
    UpstreamHttp upstreamHttp,
    ITokenCounter counter,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILogger<ResponsesInputTokens> logger)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    /// <exception cref="ConversionRejectedException">A local count of a request naming stored state the gateway does not have.</exception>
    public async Task<TokenCount> CountAsync(GatewayRequest request, CancellationToken ct)
    {
        if (request.Model.Length > 0 && await CountUpstreamAsync(request, ct) is { } counted)
        {
            return counted;
        }

        var body = request.CreateBodyObject();
        var own = ConversationInput.OwnItems(body["input"], request.Conversation);
        var items = ConversationInput.Previous(body["previous_response_id"].Str(), request.Conversation).Concat(own.OfType<JsonObject>());
        return new TokenCount(counter.Count(request.Model, ResponsesTokenCountInput.From(body, items)), TokenCountSource.Local);
    }

    private async Task<TokenCount?> CountUpstreamAsync(GatewayRequest request, CancellationToken ct)
    {
        using var lease = await selector.TryAcquireNowAsync(request.Key.GroupId, request.Model, ct);
        if (lease is null)
        {
            return null;
        }

        var runtime = lease.Runtime;
        var plan = await protocols.SelectAsync(runtime.Account, request, ct);
        if (plan.Protocol != ApiProtocol.Responses)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(options.CurrentValue.TokenCountTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var message = Message(request, runtime);
            using var response = await upstreamHttp.Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            await BoundedContent.BufferAsync(response, options.CurrentValue.TokenResponseMaxBytes, "token count answer", linked.Token);
            if (response.IsSuccessStatusCode
                && await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(linked.Token), cancellationToken: linked.Token) is JsonObject answer
                && answer["input_tokens"].Long() is { } tokens)
            {
                return new TokenCount(tokens, TokenCountSource.Upstream, runtime.Id);
            }

            LogUpstreamDeclined(logger, request.RequestId, runtime.Id, (int)response.StatusCode);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException or JsonException or IOException or ReadLimitExceededException)
        {
            LogUpstreamFailed(logger, request.RequestId, runtime.Id, ex.GetType().Name);
        }

        return null;
    }

    private static HttpRequestMessage Message(GatewayRequest request, AccountRuntime runtime)
    {
        var endpoint = UpstreamHttp.EndpointFor(runtime.Account.BaseUrl, ApiProtocol.Responses);
        var body = RequestBodyRewriter.Rewrite(request.RawBody, ModelMapper.ForAccount(runtime.Account, request.Model), includeUsage: false);
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint + "/input_tokens")) { Content = new ReadOnlyMemoryContent(body) };
        message.Content.Headers.ContentType = JsonContentType;
        if (runtime.Secret.BearerToken is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return message;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: account {AccountId} answered {Status} to a token count; counted locally")]
    private static partial void LogUpstreamDeclined(ILogger logger, string requestId, long accountId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: the token count of account {AccountId} failed ({Error}); counted locally")]
    private static partial void LogUpstreamFailed(ILogger logger, string requestId, long accountId, string error);
}
