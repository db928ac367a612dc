namespace Gateway.Core.Probes;

/// <summary>
/// Sends one minimal non-streaming request to an account's Chat Completions, Responses or Messages endpoint over its
/// the engine's <see cref="UpstreamHttp"/> client (no retry: one answer, or none, is the result) and reads at most
/// <see cref="GatewayOptions.ProbeMaxResponseBytes"/> of the reply, all within <see cref="GatewayOptions.ProbeTimeout"/>
/// (the <see cref="ResiliencePipelineNames.UpstreamPing"/> pipeline). What the upstream wrote is scrubbed of credentials
/// (<see cref="SecretScrubber"/>). Shared by the capability probe and the admin connection test; it never changes account
/// state.
/// </summary>
internal sealed class UpstreamPing(
    UpstreamHttp upstream,
    [FromKeyedServices(ResiliencePipelineNames.UpstreamPing)] ResiliencePipeline timeout,
    IOptions<GatewayOptions> options,
    TimeProvider time)
{
    private const int MaxDetailLength = 300;

    /// <param name="model">The model to send; null for the likeliest one the account accepts.</param>
    public async Task<PingResult> SendAsync(Account account, AccountSecret secret, ApiProtocol protocol, string? model, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        model = string.IsNullOrWhiteSpace(model) ? DefaultModel(account, settings) : model.Trim();
        var started = time.GetTimestamp();
        try
        {
            return await timeout.ExecuteAsync(async ct => await SendOnceAsync(account, secret, protocol, model, settings, started, ct), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return new PingResult(null, $"No answer within {settings.ProbeTimeout.TotalSeconds:0.#} s.", time.GetElapsedTime(started), TimedOut: true, Model: model);
        }
        catch (HttpRequestException ex)
        {
            return new PingResult(null, Truncate(SecretScrubber.Scrub($"Network error: {ex.Message}", secret)), time.GetElapsedTime(started), TimedOut: false, ex.HttpRequestError, model);
        }
    }

    private async Task<PingResult> SendOnceAsync(Account account, AccountSecret secret, ApiProtocol protocol, string model, GatewayOptions settings, long started, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UpstreamHttp.EndpointFor(account.BaseUrl, protocol))
        {
            Content = new StringContent(RequestBody(model, protocol), Encoding.UTF8, "application/json"),
        };
        UpstreamCredentials.Apply(request, account, secret);

        using var response = await upstream.Invoker.SendAsync(request, ct);
        var status = (int)response.StatusCode;
        // The detail is stored on the account and read by viewers: what the upstream wrote is scrubbed like any error it sends.
        var body = SecretScrubber.Scrub(await ReadCappedAsync(response, settings.ProbeMaxResponseBytes, ct), secret);
        var reply = status is >= 200 and < 300 ? ReplyText(body) : null;
        return new PingResult(status, Describe(status, response.ReasonPhrase, body), time.GetElapsedTime(started), TimedOut: false, Model: model, Reply: reply);
    }

    // For the probe the model barely matters (an unknown-model 400 still proves the route exists); a mapped
    // target is the likeliest name the upstream accepts.
    private static string DefaultModel(Account account, GatewayOptions settings) =>
        account.ModelMapping.Values.FirstOrDefault(m => !m.EndsWith('*'))
        ?? (account.Platform == AccountPlatform.Anthropic ? settings.AnthropicProbeModel : settings.ProbeModel);

    private static string RequestBody(string model, ApiProtocol protocol) =>
        protocol == ApiProtocol.Responses
            ? JsonSerializer.Serialize(new { model, input = "ping", max_output_tokens = 16, stream = false, store = false })
            : JsonSerializer.Serialize(new { model, messages = new[] { new { role = "user", content = "ping" } }, max_tokens = 16, stream = false });

    // The answer's text, so an admin sees the model really replied: Chat's first choice, Responses' output text, or the
    // text blocks of an Anthropic message.
    private static string? ReplyText(string body)
    {
        using var document = JsonNodes.ParseObjectDocument(Encoding.UTF8.GetBytes(body));
        if (document is null)
        {
            return null;
        }

        // Read leniently: an answer of another shape has no reply text, and its status still stands.
        var root = document.RootElement;
        if (root.Member("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0
            && choices[0].Obj("message")?.Str("content") is { } content)
        {
            return Truncate(content);
        }

        var parts = root.Member("output") is { ValueKind: JsonValueKind.Array } output
            ? output.EnumerateArray().SelectMany(item => Items(item.Member("content")))
            : root.Member("content") is { ValueKind: JsonValueKind.Array } blocks ? blocks.EnumerateArray() : null;
        if (parts is not null)
        {
            var joined = string.Concat(parts.Select(part => part.Str("text")));
            return joined.Length > 0 ? Truncate(joined) : null;
        }

        return null;

        static IEnumerable<JsonElement> Items(JsonElement? array) =>
            array is { ValueKind: JsonValueKind.Array } items ? items.EnumerateArray() : [];
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, int maxBytes, CancellationToken ct)
    {
        try
        {
            return Encoding.UTF8.GetString(await BodyBuffer.ReadStartAsync(response.Content, maxBytes, idle: null, ct));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The status already says what matters; a body cut short only shortens the detail.
            return "";
        }
    }

    private static string Describe(int status, string? reason, string body)
    {
        var detail = $"HTTP {status} {reason}".TrimEnd();
        return ErrorMessage(body) is { Length: > 0 } message ? Truncate($"{detail}: {message}") : detail;
    }

    private static string? ErrorMessage(string body)
    {
        using var document = JsonNodes.ParseObjectDocument(Encoding.UTF8.GetBytes(body));
        return document?.RootElement.Obj("error")?.Str("message");
    }

    private static string Truncate(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";
}

/// <summary>What a ping got: the HTTP status (null when no answer arrived), a short detail, the latency, the model sent and the reply text.</summary>
internal sealed record PingResult(int? Status, string Detail, TimeSpan Latency, bool TimedOut, HttpRequestError? NetworkError = null, string Model = "", string? Reply = null);
