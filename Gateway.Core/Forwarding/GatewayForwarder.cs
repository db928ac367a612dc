namespace Gateway.Core.Forwarding;

/// <summary>
/// The attempt loop (SPEC 3–4): picks an account, an upstream protocol and the upstream model for each attempt,
/// runs it behind the <see cref="FirstChunkGate"/>, and decides with <see cref="RetryPolicy"/> what comes next.
/// It is the only place that waits between attempts; account state is written by <see cref="AccountStateUpdater"/>.
/// Every request ends with one usage record, whatever happened.
/// </summary>
public sealed partial class GatewayForwarder(
    AccountSelector selector,
    StickySessions sticky,
    FirstChunkGate gate,
    IUpstreamProtocolSelector protocols,
    AccountStateUpdater stateUpdater,
    OAuthTokenRefresher tokenRefresher,
    ResponseOwners responseOwners,
    UsageQueue usage,
    GatewayMetrics metrics,
    TimeProvider time,
    IOptionsMonitor<GatewayOptions> options,
    ILogger<GatewayForwarder> logger)
{
    private static readonly IReadOnlySet<long> NoneExcluded = ImmutableHashSet<long>.Empty;

    /// <summary>Serves <paramref name="request"/> on <paramref name="http"/>'s response.</summary>
    public async Task ForwardAsync(HttpContext http, GatewayRequest request)
    {
        var clock = new RequestClock(time);
        var ct = http.RequestAborted;
        var log = new UsageLog
        {
            CreatedAt = clock.StartedAt,
            RequestId = request.RequestId,
            ClientRequestId = request.ClientRequestId,
            KeyId = request.Key.Id,
            GroupId = request.Key.GroupId,
            Model = request.Model,
            InboundProtocol = request.Inbound,
            Stream = request.Stream,
        };
        // Made only when an account is given up: most requests are served by the first.
        HashSet<long>? excluded = null;
        List<FailureClass>? failures = null;
        string? lastError = null;
        var switches = 0;
        try
        {
            while (true)
            {
                using var lease = await selector.AcquireAsync(request.Key.GroupId, request.Model, excluded ?? NoneExcluded, request.SessionKey, ct);
                if (lease is null)
                {
                    await WriteExhaustedAsync(http, request, failures ?? [], lastError, log);
                    return;
                }

                if (switches > 0)
                {
                    // Counted once another account is there to switch to, not when the failed one had no successor.
                    metrics.Failover();
                }

                var result = await RunOnAccountAsync(http, request, lease.Runtime, clock, log);
                if (result is not { } failed)
                {
                    return;
                }

                (excluded ??= []).Add(lease.Runtime.Id);
                (failures ??= []).Add(failed.Failure);
                lastError = failed.ErrorSummary ?? lastError;
                if (++switches > options.CurrentValue.MaxAccountSwitches)
                {
                    await WriteExhaustedAsync(http, request, failures, lastError, log);
                    return;
                }
            }
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or IOException)
        {
            log.Status = StatusCodes.Status499ClientClosedRequest;
            log.Error = AttemptError.ClientCanceled.Describe();
        }
        catch (Exception)
        {
            // The endpoint answers 500; the usage row says so too.
            log.Status = StatusCodes.Status500InternalServerError;
            log.Error = "internal gateway error";
            throw;
        }
        finally
        {
            log.DurationMs = (int)clock.Elapsed.TotalMilliseconds;
            log.FirstTokenMs = clock.FirstByte is { } first ? (int)first.TotalMilliseconds : null;
            log.Attempts = log.Trace.Count;
            usage.Enqueue(log);
            var endpoint = request.Inbound.ToWire();
            metrics.RequestCompleted(endpoint, log.Status, clock.Elapsed);
            if (clock.FirstByte is { } ttft)
            {
                metrics.FirstToken(endpoint, ttft);
            }
        }
    }

    /// <summary>Attempts on one account until it delivers, stops the request, or is given up (the failure returned).</summary>
    private async Task<AttemptOutcome?> RunOnAccountAsync(HttpContext http, GatewayRequest request, AccountRuntime runtime, RequestClock clock, UsageLog log)
    {
        // The account's mapping does not change between its attempts: computed once for all of them.
        var upstreamModel = ModelMapper.ForAccount(runtime.Account, request.Model);
        var plan = await protocols.SelectAsync(runtime.Account, request, upstreamModel, http.RequestAborted);
        var protocol = plan.Protocol;
        var reason = plan.Reason;
        var protocolSwitched = false;
        var tokenRefreshed = false;
        var sameAccountRetries = 0;
        while (true)
        {
            var account = runtime.Account;
            var started = clock.Now;
            var served = protocol;
            var outcome = await gate.RunAsync(http, request, runtime, protocol, upstreamModel, clock, () => protocols.Served(plan, account, upstreamModel, served));

            // The attempt's own time: a token refresh it calls for comes after it.
            var took = clock.Since(started);
            log.AccountId = runtime.Id;
            log.UpstreamProtocol = protocol;
            log.UpstreamModel = UsageLog.UpstreamModelIfDifferent(request.Model, upstreamModel);

            // 3: a client that went away or stopped reading is never blamed on the account.
            if (outcome.ClientAborted)
            {
                Trace(log, runtime, protocol, reason, outcome, null, AttemptDecision.Stop, took);
                log.Status = StatusCodes.Status499ClientClosedRequest;
                log.Error = outcome.Error.Describe();
                ApplyUsage(log, outcome);
                NameResponse(request, runtime, outcome, log);
                return null;
            }

            var decision = outcome.Committed
                ? new RetryDecision(AttemptDecision.Deliver)
                : RetryPolicy.Decide(AttemptFacts.For(account, outcome.Failure, outcome.RuleStatus) with
                {
                    ReportedInsideSuccess = outcome.ReportedInsideSuccess,
                    SameAccountRetries = sameAccountRetries,
                    ProtocolSwitchAvailable = plan.SwitchAllowed && !protocolSwitched,
                    ErrorBody = outcome.UpstreamText,
                    TokenRefreshed = tokenRefreshed,
                });
            if (decision.RefreshTokenFirst)
            {
                tokenRefreshed = true;
                if (!await tokenRefresher.RefreshAsync(runtime, http.RequestAborted))
                {
                    // No fresh token: the account is given up as after a second 401, and the trace says so.
                    decision = AttemptDecision.AccountSwitch;
                }
            }

            Trace(log, runtime, protocol, reason, outcome, outcome.Failure == FailureClass.None ? null : outcome.Failure, decision.Decision, took);
            if (outcome.Failure != FailureClass.None)
            {
                metrics.UpstreamFailure(outcome.Failure.ToWire());
                LogAttemptFailed(logger, request.RequestId, runtime.Id, outcome.Status, outcome.Failure.ToWire(), decision.Decision.ToWire());
            }

            switch (decision.Decision)
            {
                case AttemptDecision.Deliver:
                    log.Status = StatusCodes.Status200OK;
                    log.Error = outcome.MidStreamError;
                    ApplyUsage(log, outcome);
                    Bind(request, runtime, outcome);
                    NameResponse(request, runtime, outcome, log);
                    await stateUpdater.RecordSuccessAsync(runtime);
                    return null;

                case AttemptDecision.Stop:
                    log.Status = outcome.RuleStatus;
                    log.Error = outcome.ErrorSummary;
                    await WriteUpstreamErrorAsync(http, outcome);
                    return null;

                case AttemptDecision.SameAccountRetry when decision.RefreshTokenFirst:
                    metrics.SameAccountRetry();
                    continue;

                case AttemptDecision.SameAccountRetry:
                    sameAccountRetries++;
                    metrics.SameAccountRetry();
                    await Task.Delay(options.CurrentValue.SameAccountRetryDelay, time, http.RequestAborted);
                    continue;

                case AttemptDecision.ProtocolSwitch:
                    protocolSwitched = true;
                    protocol = protocol == ApiProtocol.Chat ? ApiProtocol.Responses : ApiProtocol.Chat;
                    reason = ProtocolChoiceReason.ProtocolSwitch;
                    metrics.ProtocolSwitch();
                    continue;

                default:
                    // An account is blamed only for its own side: an answer the gateway failed to convert cools nothing down.
                    if (outcome.Error.Side() != FaultSide.Gateway)
                    {
                        await stateUpdater.ApplyFailureAsync(runtime, decision.Decision, outcome.Failure, outcome.RetryAfter, upstreamModel);
                    }

                    // An account given up produced no answer: the row names only one that takes over.
                    log.AccountId = null;
                    return outcome;
            }
        }
    }

    private void Bind(GatewayRequest request, AccountRuntime runtime, AttemptOutcome outcome)
    {
        if (request.SessionKey is { } session)
        {
            sticky.Bind(request.Key.GroupId, session, runtime.Id);
        }

        // A later Responses request continues this one through previous_response_id.
        if (outcome.ResponseId is { } responseId && request.Inbound == ApiProtocol.Responses)
        {
            sticky.Bind(request.Key.GroupId, responseId, runtime.Id);
        }
    }

    /// <summary>
    /// The Responses object the client got, on its usage row; one the upstream made and keeps is remembered for the calls
    /// about it (<see cref="ResponseOwners"/>), a stream the client left included: a background response is resumed by id.
    /// </summary>
    private void NameResponse(GatewayRequest request, AccountRuntime runtime, AttemptOutcome outcome, UsageLog log)
    {
        // A cut id would find nothing: a longer one is not kept.
        if (outcome.ResponseId is not { Length: <= UsageLog.ResponseIdMaxLength } responseId || request.Inbound != ApiProtocol.Responses)
        {
            return;
        }

        log.ResponseId = responseId;
        if (log.UpstreamProtocol == ApiProtocol.Responses)
        {
            responseOwners.Remember(request.Key.Id, responseId, new ResponseOwner(runtime.Id, request.Model, log.UpstreamModel));
        }
    }

    private async Task WriteExhaustedAsync(HttpContext http, GatewayRequest request, IReadOnlyList<FailureClass> failures, string? lastError, UsageLog log)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var answer = ExhaustionPolicy.Answer(failures, selector.Availability(request.Key.GroupId, request.Model), now, lastError);
        log.Status = answer.Status;
        log.Error = answer.Message;

        await ClientErrors.WriteAsync(http.Response, request.Inbound, answer.Status, answer.Message, answer.Type, answer.Code, answer.RetryAfterSeconds);
    }

    private static async Task WriteUpstreamErrorAsync(HttpContext http, AttemptOutcome outcome)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        http.Response.StatusCode = outcome.RuleStatus;
        http.Response.ContentType = outcome.ErrorContentType ?? "application/json";
        DroppedTools.Announce(http.Response, outcome.DroppedTools);
        if (outcome.ErrorBody is { Length: > 0 } body)
        {
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }

    private static void ApplyUsage(UsageLog log, AttemptOutcome outcome)
    {
        if (outcome.Usage is { } tokens)
        {
            log.InputTokens = tokens.Input;
            log.OutputTokens = tokens.Output;
            log.CachedTokens = tokens.Cached;
        }
    }

    private static void Trace(UsageLog log, AccountRuntime runtime, ApiProtocol protocol, ProtocolChoiceReason reason, AttemptOutcome outcome, FailureClass? failure, AttemptDecision decision, TimeSpan duration) =>
        log.Trace.Add(new AttemptTrace
        {
            AccountId = runtime.Id,
            UpstreamProtocol = protocol,
            ProtocolReason = reason,
            Status = outcome.Status,
            FailureClass = failure?.ToWire(),
            Decision = decision.ToWire(),
            DurationMs = (int)duration.TotalMilliseconds,
            DroppedTools = outcome.DroppedTools,
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: account {AccountId} answered {Status} ({FailureClass}); decision {Decision}")]
    private static partial void LogAttemptFailed(ILogger logger, string requestId, long accountId, int status, string failureClass, string decision);
}
