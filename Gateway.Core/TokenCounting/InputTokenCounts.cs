namespace Gateway.Core.TokenCounting;

/// <summary>
/// Answers the token-count endpoints (SPEC 4.4): <c>POST /v1/responses/input_tokens</c> and
/// <c>POST /v1/messages/count_tokens</c>. An account of the key's group that is sent requests of the client's protocol for
/// the model counts with its own endpoint (an OpenAI account's <c>/v1/responses/input_tokens</c>, an anthropic account's
/// <c>/v1/messages/count_tokens</c>); otherwise — no such account free right now, or its endpoint missing (404) or failing —
/// the gateway counts locally. Never changes account state: a count is no evidence about an account's health, so no
/// cooldown, suspension or strike is set or cleared, and the account is not marked as used.
/// </summary>
internal sealed partial class InputTokenCounts(
    AccountSelector selector,
    IUpstreamProtocolSelector protocols,
    UpstreamHttp upstreamHttp,
    ITokenCounter counter,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILogger<InputTokenCounts> logger)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    /// <param name="request">A Responses or a Messages request.</param>
    /// <exception cref="ConversionRejectedException">A local count of a request naming stored state the gateway does not have.</exception>
    public async Task<TokenCount> CountAsync(GatewayRequest request, CancellationToken ct)
    {
        if (request.Model.Length > 0 && await CountUpstreamAsync(request, ct) is { } counted)
        {
            return counted;
        }

        return new TokenCount(counter.Count(request.Model, LocalInput(request)), TokenCountSource.Local);
    }

    private static TokenCountInput LocalInput(GatewayRequest request)
    {
        var body = request.CreateBodyObject();
        if (request.Inbound == ApiProtocol.Messages)
        {
            return MessagesTokenCountInput.From(body);
        }

        var own = ConversationInput.OwnItems(body["input"], request.Conversation);
        var items = ConversationInput.Previous(body["previous_response_id"].Str(), request.Conversation).Concat(own.OfType<JsonObject>());
        return ResponsesTokenCountInput.From(body, items);
    }

    private async Task<TokenCount?> CountUpstreamAsync(GatewayRequest request, CancellationToken ct)
    {
        // Only an anthropic account counts Messages, so one is looked for even when an OpenAI account would be picked first;
        // likewise a Responses count passes over the accounts never sent Responses (anthropic ones, Chat-only ones).
        Func<Account, bool> counts = request.Inbound == ApiProtocol.Messages
            ? a => a.Platform == AccountPlatform.Anthropic
            : a => a.Platform != AccountPlatform.Anthropic && (a.Passthrough || a.EndpointMode != EndpointMode.Chat);
        using var lease = await selector.TryAcquireNowAsync(request.Key.GroupId, request.Model, ct, counts);
        if (lease is null)
        {
            return null;
        }

        var runtime = lease.Runtime;
        var upstreamModel = ModelMapper.ForAccount(runtime.Account, request.Model);
        var plan = await protocols.SelectAsync(runtime.Account, request, upstreamModel, ct);
        if (plan.Protocol != request.Inbound)
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(options.CurrentValue.TokenCountTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var message = Message(request, runtime, upstreamModel);
            using var response = await upstreamHttp.Invoker.SendAsync(message, linked.Token);
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

    private static HttpRequestMessage Message(GatewayRequest request, AccountRuntime runtime, string upstreamModel)
    {
        var path = request.Inbound == ApiProtocol.Messages ? "/messages/count_tokens" : "/responses/input_tokens";
        // The body an answer would send: the history repaired for the upstream (a passthrough account's as it came).
        ReadOnlyMemory<byte> body = !runtime.Account.Passthrough && request.RepairsHistoryFor(request.Inbound)
            ? request.CreateBodyObject(upstreamModel, request.Inbound).CompactUtf8()
            : RequestBodyRewriter.Rewrite(request.RawBody, upstreamModel, includeUsage: false);
        var message = new HttpRequestMessage(HttpMethod.Post, UpstreamHttp.Endpoint(runtime.Account.BaseUrl, path)) { Content = new ReadOnlyMemoryContent(body) };
        message.Content.Headers.ContentType = JsonContentType;
        UpstreamCredentials.Apply(message, runtime.Account, runtime.Secret, request.AnthropicVersion, request.AnthropicBeta);
        return message;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: account {AccountId} answered {Status} to a token count; counted locally")]
    private static partial void LogUpstreamDeclined(ILogger logger, string requestId, long accountId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: the token count of account {AccountId} failed ({Error}); counted locally")]
    private static partial void LogUpstreamFailed(ILogger logger, string requestId, long accountId, string error);
}
