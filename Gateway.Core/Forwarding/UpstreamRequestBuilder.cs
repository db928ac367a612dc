namespace Gateway.Core.Forwarding;

/// <summary>The upstream request of one attempt: the body converted or rewritten for the account, the credential and the client's hints.</summary>
internal static class UpstreamRequestBuilder
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    /// <summary>Usage is only reported in a Chat stream when asked for; the gateway asks on the client's behalf for the usage log.</summary>
    public static bool AsksForUsage(Account account, ApiProtocol upstream, GatewayRequest request) =>
        !account.Passthrough && upstream == ApiProtocol.Chat && request.Stream;

    public static HttpRequestMessage Build(GatewayRequest request, AccountRuntime runtime, ApiProtocol upstream, string upstreamModel, IProtocolConverter? converter)
    {
        var account = runtime.Account;
        var body = Body(request, account, upstream, upstreamModel, converter, AsksForUsage(account, upstream, request));
        var message = new HttpRequestMessage(HttpMethod.Post, runtime.EndpointFor(upstream)) { Content = new ReadOnlyMemoryContent(body) };
        message.Content.Headers.ContentType = JsonContentType;
        UpstreamCredentials.Apply(message, account, runtime.Secret, request.AnthropicVersion, request.AnthropicBeta);

        if (request.Stream)
        {
            message.Headers.Accept.Add(EventStream);
        }

        if (request.UserAgent is { } userAgent)
        {
            message.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return message;
    }

    private static ReadOnlyMemory<byte> Body(GatewayRequest request, Account account, ApiProtocol upstream, string upstreamModel, IProtocolConverter? converter, bool asksForUsage)
    {
        // 4.2: a passthrough account gets the client's bytes, the model rewritten when mapped and nothing else (no Codex
        // effort, no history repair; it asks for no usage either).
        if (converter is null && account.Passthrough)
        {
            return upstreamModel == request.Model ? request.RawBody : RequestBodyRewriter.Rewrite(request.RawBody, upstreamModel, includeUsage: false);
        }

        // Conversion, the Codex effort of oauth accounts and a history repaired for Anthropic or for OpenAI need a mutable tree;
        // everything else is one streaming pass, or none when the client's bytes already name the upstream model and ask for
        // usage when the gateway needs it.
        if (converter is null && account.Type != AccountType.OAuth && !request.RepairsHistoryFor(upstream))
        {
            return upstreamModel == request.Model && (!asksForUsage || request.ClientWantsUsage)
                ? request.RawBody
                : RequestBodyRewriter.Rewrite(request.RawBody, upstreamModel, asksForUsage);
        }

        var body = request.CreateBodyObject(upstreamModel, upstream);
        if (converter is not null)
        {
            body = converter.ConvertRequest(body);
        }

        // After conversion, in the upstream's own field: a client of any protocol gets the effort its alias implied.
        if (account.Type == AccountType.OAuth)
        {
            CodexModelNormalizer.ApplyImpliedEffort(body, upstream, ModelMapper.Map(account.ModelMapping, request.Model));
        }

        if (asksForUsage)
        {
            var streamOptions = body["stream_options"] as JsonObject ?? new JsonObject();
            streamOptions["include_usage"] = true;
            body["stream_options"] = streamOptions;
        }

        return body.CompactUtf8();
    }
}
