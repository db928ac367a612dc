namespace Gateway.Core.Conversations;

/// <summary>
/// The calls about a response that an upstream speaking Responses made — <c>GET /v1/responses/{id}</c> (streamed again
/// with <c>stream=true</c>), <c>DELETE</c>, <c>POST …/cancel</c>, <c>GET …/input_items</c> — sent on, with the client's
/// query string, to the account that made it, and only for the key that received it (<see cref="ResponseOwners"/>):
/// what makes a background response (<c>background: true</c>) pollable and cancellable through the gateway.
/// <para>
/// What the account says about the response (a 2xx, or 400, 404, 409, 422) reaches the client, its errors scrubbed of
/// credentials and its model named as the client asked for it (<see cref="AnswerModel"/>). The account's own trouble is
/// the gateway's: 429 stays a 429 to retry, while 401, 403, any other status and no answer become a 502, never the
/// account's credential problem handed to the client. An OAuth account's expired token is refreshed once. Like a token
/// count, a call changes no account state and writes no usage row of its own; the usage a background response spent
/// after it was created, which a read or a cancel names once it has ended, goes on the row of the request that created it.
/// </para>
/// </summary>
public sealed partial class UpstreamResponseRelay(
    ResponseOwners owners,
    AccountPool pool,
    UpstreamHttp upstreamHttp,
    OAuthTokenRefresher tokenRefresher,
    IOptionsMonitor<GatewayOptions> options,
    TimeProvider time,
    ILogger<UpstreamResponseRelay> logger)
{
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    /// <summary>
    /// Relays the call to <c>/v1/responses/{<paramref name="responseId"/>}{<paramref name="pathAfterId"/>}</c> and answers the
    /// client; false, with nothing answered, when <paramref name="key"/> received no response of that id from an upstream.
    /// </summary>
    public async Task<bool> RelayAsync(HttpContext http, ApiKeyIdentity key, string responseId, string pathAfterId, CancellationToken ct)
    {
        if (await owners.FindAsync(key.Id, responseId, ct) is not { } owner)
        {
            return false;
        }

        await pool.EnsureLoadedAsync(ct);
        if (pool.Find(owner.AccountId) is not { } runtime || !runtime.GroupIds.Contains(key.GroupId) || runtime.Account.Status == AccountStatus.Disabled)
        {
            await ClientErrors.WriteAsync(http.Response, ApiProtocol.Responses, StatusCodes.Status404NotFound,
                $"Response '{responseId}' was made by an account this key can no longer reach.", "invalid_request_error", "response_account_unavailable");
            return true;
        }

        var settings = options.CurrentValue;
        await using var idle = new ActivityTimeout(settings.UpstreamIdleTimeout, time, ct);
        HttpResponseMessage answer;
        try
        {
            answer = await SendAsync(http.Request, runtime, responseId, pathAfterId, idle);
            if (answer.StatusCode == HttpStatusCode.Unauthorized && runtime.Account.Type == AccountType.OAuth)
            {
                // With a fresh token the call is made again; without one the 401 stands.
                var stands = false;
                try
                {
                    stands = !await tokenRefresher.RefreshAsync(runtime, ct);
                }
                finally
                {
                    if (!stands)
                    {
                        answer.Dispose();
                    }
                }

                if (!stands)
                {
                    answer = await SendAsync(http.Request, runtime, responseId, pathAfterId, idle);
                }
            }
        }
        catch (Exception ex) when (ActivityTimeout.IsBroken(ex) && !idle.ClientGone)
        {
            LogNoAnswer(logger, http.Request.Method, responseId, runtime.Id, ex.GetType().Name);
            await UnavailableAsync(http, responseId, "did not answer");
            return true;
        }

        TokenUsage? spent;
        using (answer)
        {
            spent = await AnswerAsync(http, answer, runtime, owner, responseId, idle, settings);
        }

        if (spent is { } usage && pathAfterId is "" or "/cancel")
        {
            await RecordLaterUsageAsync(key.Id, responseId, usage);
        }

        return true;
    }

    // After the client has its answer; a usage row that cannot be written to is logged, never the client's failure.
    private async Task RecordLaterUsageAsync(long keyId, string responseId, TokenUsage usage)
    {
        try
        {
            await owners.RecordLaterUsageAsync(keyId, responseId, usage, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseErrors.IsFailure(ex))
        {
            LogUsageNotRecorded(logger, responseId, ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequest client, AccountRuntime runtime, string responseId, string pathAfterId, ActivityTimeout idle)
    {
        var path = $"/responses/{Uri.EscapeDataString(responseId)}{pathAfterId}{client.QueryString}";
        using var message = new HttpRequestMessage(new HttpMethod(client.Method), UpstreamHttp.Endpoint(runtime.Account.BaseUrl, path));
        UpstreamCredentials.Apply(message, runtime.Account, runtime.Secret);
        if (client.Query["stream"] == "true")
        {
            message.Headers.Accept.Add(EventStream);
        }

        idle.Restart();
        return await upstreamHttp.Invoker.SendAsync(message, idle.Token);
    }

    /// <returns>The tokens the response spent, when the answer names its final usage (a response that has ended).</returns>
    private async Task<TokenUsage?> AnswerAsync(HttpContext http, HttpResponseMessage answer, AccountRuntime runtime, ResponseOwner owner, string responseId, ActivityTimeout idle, GatewayOptions settings)
    {
        var status = (int)answer.StatusCode;
        var renaming = owner.UpstreamModel is { } upstreamModel ? AnswerModel.For(ApiProtocol.Responses, owner.Model, upstreamModel) : null;
        try
        {
            if (answer.IsSuccessStatusCode && answer.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                return await RelayStreamAsync(http, answer, runtime, renaming, idle, settings);
            }

            if (answer.IsSuccessStatusCode)
            {
                var body = await BodyBuffer.ReadWholeAsync(answer.Content, settings.UpstreamBodyMaxBytes, "response answer", idle, idle.Token);
                var (failed, spent) = Ended(body);
                body = renaming?.Rename(body) ?? body;
                http.Response.StatusCode = status;
                http.Response.ContentType = "application/json";
                await http.Response.Body.WriteAsync(failed ? Encoding.UTF8.GetBytes(SecretScrubber.ScrubJson(Encoding.UTF8.GetString(body), runtime.Secret)) : body, idle.Token);
                return spent;
            }

            if (status is 400 or 404 or 409 or 422)
            {
                var text = Encoding.UTF8.GetString(await BodyBuffer.ReadStartAsync(answer.Content, settings.UpstreamErrorBodyMaxBytes, idle, idle.Token));
                var (body, contentType) = UpstreamErrorBodies.ForClient(ApiProtocol.Responses, ApiProtocol.Responses, status, SecretScrubber.Scrub(text, runtime.Secret));
                http.Response.StatusCode = status;
                http.Response.ContentType = contentType;
                await http.Response.Body.WriteAsync(body, idle.Token);
            }
            else if (status == StatusCodes.Status429TooManyRequests)
            {
                await ClientErrors.WriteAsync(http.Response, ApiProtocol.Responses, status,
                    $"The account that made response '{responseId}' is rate limited; try again shortly.", "rate_limit_error", "rate_limit_exceeded", retryAfterSeconds: 1);
            }
            else
            {
                LogRefused(logger, http.Request.Method, responseId, runtime.Id, status);
                await UnavailableAsync(http, responseId, $"answered {status}");
            }
        }
        catch (Exception ex) when (ex is ReadLimitExceededException || (ActivityTimeout.IsBroken(ex) && !idle.ClientGone && !http.Response.HasStarted))
        {
            LogNoAnswer(logger, http.Request.Method, responseId, runtime.Id, ex.GetType().Name);
            if (!http.Response.HasStarted)
            {
                await UnavailableAsync(http, responseId, "gave no usable answer");
            }
        }
        catch (Exception ex) when (ActivityTimeout.IsBroken(ex))
        {
            // The client left, or a stream broke off after it began: the client resumes it with starting_after.
        }

        return null;
    }

    /// <summary>
    /// A background response streamed again: each event relayed as it arrives, its model renamed, a failure's credentials
    /// scrubbed. Returns the usage its terminal event names.
    /// </summary>
    private static async Task<TokenUsage?> RelayStreamAsync(HttpContext http, HttpResponseMessage answer, AccountRuntime runtime, AnswerModel? renaming, ActivityTimeout idle, GatewayOptions settings)
    {
        ClientEventStream.Begin(http);
        await using var stream = await answer.Content.ReadAsStreamAsync(idle.Token);
        using var reader = new SseReader(stream, settings.UpstreamSseMaxLineBytes, settings.UpstreamSseMaxEventBytes);
        TokenUsage? spent = null;
        while (await reader.ReadAsync(idle.Token, idle.Restarter) is { } sse)
        {
            if (sse.EventType is "response.completed" or "response.incomplete" or "response.failed")
            {
                using var terminal = JsonNodes.ParseObjectDocument(sse.Utf8Memory);
                spent = terminal?.RootElement.Obj("response") is { } response ? Ended(response).Spent : null;
            }

            // As in a relayed answer, only a failure is scrubbed: the model's own text is left as it wrote it.
            var relayed = sse.EventType is "error" or "response.failed" ? SecretScrubber.ScrubEvent(sse, runtime.Secret) : sse;
            SseWriter.Write(renaming?.Rename(relayed) ?? relayed, http.Response.BodyWriter);
            idle.Restart();
            await http.Response.BodyWriter.FlushAsync(idle.Token);
        }

        return spent;
    }

    // Whether a response object failed (its error is the upstream's text: scrubbed as every failure is), and the usage it
    // names once it has ended; a list or a deletion names neither.
    private static (bool Failed, TokenUsage? Spent) Ended(byte[] body)
    {
        using var document = JsonNodes.ParseObjectDocument(body);
        return document is null ? (false, null) : Ended(document.RootElement);
    }

    private static (bool Failed, TokenUsage? Spent) Ended(JsonElement response)
    {
        var status = response.Str("status");
        var ended = status is "completed" or "incomplete" or "failed" or "cancelled";
        return (status == "failed", ended && response.Obj("usage") is { } usage ? TokenUsage.From(usage) : null);
    }

    private static Task UnavailableAsync(HttpContext http, string responseId, string what) =>
        ClientErrors.WriteAsync(http.Response, ApiProtocol.Responses, StatusCodes.Status502BadGateway,
            $"The account that made response '{responseId}' {what}.", "server_error", "upstream_error");

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage response {ResponseId} spent after it was created could not be written to its usage row")]
    private static partial void LogUsageNotRecorded(ILogger logger, string responseId, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} of response {ResponseId}: account {AccountId} answered {Status}")]
    private static partial void LogRefused(ILogger logger, string method, string responseId, long accountId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} of response {ResponseId}: account {AccountId} gave no usable answer ({Error})")]
    private static partial void LogNoAnswer(ILogger logger, string method, string responseId, long accountId, string error);
}
