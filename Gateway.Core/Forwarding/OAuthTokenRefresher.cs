namespace Gateway.Core.Forwarding;

/// <summary>
/// The standard OAuth refresh-token grant against an account's token URL (SPEC 4.3, 401 on oauth accounts). Each try
/// is bounded by a timeout and tries that time out or meet a transient failure are retried
/// (<see cref="ResiliencePipelineNames.TokenRefresh"/>): the token endpoint is a side call, not an LLM upstream.
/// </summary>
public sealed partial class OAuthTokenRefresher(
    UpstreamHttp upstreamHttp,
    AccountStateUpdater updater,
    [FromKeyedServices(ResiliencePipelineNames.TokenRefresh)] ResiliencePipeline<HttpResponseMessage> tokenRequests,
    IOptionsMonitor<GatewayOptions> options,
    ILogger<OAuthTokenRefresher> logger)
{
    /// <summary>True when new tokens were obtained and stored (encrypted) for the account.</summary>
    public async Task<bool> RefreshAsync(AccountRuntime runtime, CancellationToken ct)
    {
        var account = runtime.Account;
        var secret = runtime.Secret;
        if (string.IsNullOrWhiteSpace(account.TokenUrl) || string.IsNullOrEmpty(secret.RefreshToken))
        {
            return false;
        }

        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = secret.RefreshToken };
        if (!string.IsNullOrEmpty(account.OAuthClientId))
        {
            form["client_id"] = account.OAuthClientId;
        }

        try
        {
            // The body is read inside each try, so the try's timeout covers it too, and only up to its cap.
            var maxBytes = options.CurrentValue.TokenResponseMaxBytes;
            using var response = await tokenRequests.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, account.TokenUrl) { Content = new FormUrlEncodedContent(form) };
                var answer = await upstreamHttp.Invoker.SendAsync(request, token);
                try
                {
                    await BoundedContent.BufferAsync(answer, maxBytes, "token answer", token);
                    return answer;
                }
                catch
                {
                    answer.Dispose();
                    throw;
                }
            }, ct);
            if (!response.IsSuccessStatusCode)
            {
                LogRefreshRefused(logger, account.Id, (int)response.StatusCode);
                return false;
            }

            // Read leniently: an answer of another shape is a refresh that gave no token, not a fault of the gateway.
            var json = JsonNodes.ParseObject(await response.Content.ReadAsByteArrayAsync(ct));
            var accessToken = json?["access_token"].Str();
            if (string.IsNullOrEmpty(accessToken))
            {
                LogNoAccessToken(logger, account.Id);
                return false;
            }

            var refreshToken = json!["refresh_token"].Str();
            await updater.StoreSecretAsync(runtime, secret with { AccessToken = accessToken, RefreshToken = string.IsNullOrEmpty(refreshToken) ? secret.RefreshToken : refreshToken });
            return true;
        }
        catch (ReadLimitExceededException limit)
        {
            LogAnswerTooLarge(logger, account.Id, limit.Limit);
            return false;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException or InvalidOperationException)
        {
            LogRefreshFailed(logger, account.Id, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth token refresh for account {AccountId} was refused with {Status}")]
    private static partial void LogRefreshRefused(ILogger logger, long accountId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth token refresh for account {AccountId} failed: the token endpoint's answer held no access token")]
    private static partial void LogNoAccessToken(ILogger logger, long accountId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth token refresh for account {AccountId} failed: the token endpoint's answer passed the read limit of {Limit} bytes")]
    private static partial void LogAnswerTooLarge(ILogger logger, long accountId, long limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth token refresh for account {AccountId} failed")]
    private static partial void LogRefreshFailed(ILogger logger, long accountId, Exception ex);
}
