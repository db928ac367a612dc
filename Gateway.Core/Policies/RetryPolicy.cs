namespace Gateway.Core.Policies;

/// <summary>The pure decision after an attempt (SPEC 4.1–4.4, 4.6): values in, a decision out.</summary>
public static class RetryPolicy
{
    public static RetryDecision Decide(AttemptFacts facts)
    {
        if (facts.Failure == FailureClass.None)
        {
            return AttemptDecision.Deliver;
        }

        // 4.1: a pool-mode account answering one of its retry statuses is retried in place, then left.
        if (facts.PoolMode && facts.PoolModeRetryableStatus)
        {
            return facts.SameAccountRetries < facts.PoolModeRetryCount ? AttemptDecision.SameAccountRetry : AttemptDecision.AccountSwitch;
        }

        // 5.2: "this endpoint is not served here" (404, 405, 5xx but an overload, or a 400 saying so) tries the other protocol first;
        // an endpoint that answered 2xx is served, whatever it reported inside.
        if (facts.ProtocolSwitchAvailable && !facts.ReportedInsideSuccess && ProtocolSwitchClassifier.AllowsSwitch(facts.Status, facts.ErrorBody, facts.Failure))
        {
            return AttemptDecision.ProtocolSwitch;
        }

        switch (facts.Failure)
        {
            case FailureClass.RequestError:
                return AttemptDecision.Stop;
            case FailureClass.ModelNotSupported:
                return AttemptDecision.AccountSwitch;
            case FailureClass.NetworkError or FailureClass.Timeout or FailureClass.BrokenAnswer:
                // No usable answer exists to pass through, whatever the account kind.
                return AttemptDecision.AccountSwitch;
        }

        return facts.Passthrough ? DecidePassthrough(facts) : DecideStandard(facts);
    }

    // 4.2: only these leave a passthrough account; everything else is the upstream's answer to the client.
    // A quota is a 429 with a longer cooldown (4.6).
    private static RetryDecision DecidePassthrough(AttemptFacts facts) => facts.Failure switch
    {
        FailureClass.RateLimited or FailureClass.QuotaExceeded or FailureClass.Overloaded or FailureClass.Forbidden or FailureClass.ForbiddenHtml => AttemptDecision.AccountSwitch,
        FailureClass.ServerError when facts.AccountType == AccountType.ApiKey => AttemptDecision.AccountSwitch,
        _ => AttemptDecision.Stop,
    };

    // 4.3: 401, 402, 403, 405, 429, 529 and 5xx fail over; a first oauth 401 refreshes the token and tries again.
    private static RetryDecision DecideStandard(AttemptFacts facts) => facts.Failure switch
    {
        FailureClass.Unauthorized when facts.AccountType == AccountType.OAuth && !facts.TokenRefreshed =>
            new RetryDecision(AttemptDecision.SameAccountRetry, RefreshTokenFirst: true),
        FailureClass.Unauthorized or FailureClass.PaymentRequired or FailureClass.Forbidden or FailureClass.ForbiddenHtml
            or FailureClass.MethodNotAllowed or FailureClass.RateLimited or FailureClass.QuotaExceeded or FailureClass.Overloaded or FailureClass.ServerError =>
            AttemptDecision.AccountSwitch,
        _ => AttemptDecision.Stop,
    };
}
