namespace Gateway.Core.Policies;

/// <summary>The account state an attempt that left its account leads to (SPEC 4.2–4.4, 4.6), its reasons worded by <see cref="AccountReason"/>. Pure.</summary>
public static class CooldownRules
{
    /// <param name="decision">The decision taken; only a switch away from the account changes its state.</param>
    /// <param name="retryAfter">The upstream's <c>Retry-After</c>, when it sent one.</param>
    public static AccountStateChange For(
        AttemptDecision decision,
        FailureClass failure,
        Account account,
        TimeSpan? retryAfter,
        DateTime now,
        GatewayOptions options)
    {
        if (decision != AttemptDecision.AccountSwitch)
        {
            return AccountStateChange.None;
        }

        if (failure == FailureClass.ModelNotSupported)
        {
            // A suspension is keyed to the model, not the account's health, so pool mode keeps it too.
            return new AccountStateChange { SuspendModelUntil = now + options.ModelSuspension };
        }

        // 4.1: errors on pool-mode accounts never change the account's stored state.
        if (account.PoolMode)
        {
            return AccountStateChange.None;
        }

        return failure switch
        {
            FailureClass.RateLimited => Cooldown(now + RateLimitCooldown(retryAfter, options), AccountReason.RateLimited),
            FailureClass.QuotaExceeded => Cooldown(now + QuotaCooldown(retryAfter, options), AccountReason.QuotaExhausted),
            FailureClass.Overloaded => Cooldown(now + options.OverloadCooldown, AccountReason.Overloaded),
            FailureClass.ServerError => Cooldown(now + options.ServerErrorCooldown, AccountReason.ServerError),

            // 4.6: a stream cut, a reset or silence before the answer began is transient, like a 5xx.
            _ when failure.IsTransient() => Cooldown(now + options.ServerErrorCooldown, AccountReason.Transient(failure)),
            FailureClass.Forbidden => Strike(account, now, options),
            FailureClass.Unauthorized when account.Type == AccountType.ApiKey =>
                new AccountStateChange { ErrorMessage = AccountReason.ApiKeyRefused.Text },
            FailureClass.Unauthorized => Cooldown(now + options.UnauthorizedCooldown, AccountReason.UnauthorizedAfterRefresh),
            _ => AccountStateChange.None,
        };
    }

    /// <summary>A success clears the 403 strikes (SPEC 4.2); null when there is nothing to clear.</summary>
    public static AccountStateChange? ForSuccess(Account account) =>
        account.ForbiddenStrikes > 0 || account.ForbiddenWindowStart is not null
            ? new AccountStateChange { ForbiddenStrikes = 0 }
            : null;

    /// <summary><c>Retry-After</c> when sent (capped), else the default.</summary>
    public static TimeSpan RateLimitCooldown(TimeSpan? retryAfter, GatewayOptions options) =>
        retryAfter is { } value && value > TimeSpan.Zero
            ? (value > options.RateLimitMaxCooldown ? options.RateLimitMaxCooldown : value)
            : options.RateLimitDefaultCooldown;

    /// <summary>A used-up quota lasts until the reset the upstream named, else <see cref="GatewayOptions.QuotaCooldown"/>.</summary>
    public static TimeSpan QuotaCooldown(TimeSpan? reset, GatewayOptions options) =>
        reset is { } value && value > TimeSpan.Zero ? value : options.QuotaCooldown;

    private static AccountStateChange Cooldown(DateTime until, AccountReason reason) => new() { CooldownUntil = until, CooldownReason = reason.Text };

    // A 403 is a strike in a window: each one cools the account down, the limit-th within the window retires it.
    private static AccountStateChange Strike(Account account, DateTime now, GatewayOptions options)
    {
        var windowOpen = account.ForbiddenWindowStart is { } start && now - start < options.ForbiddenStrikeWindow;
        var strikes = windowOpen ? account.ForbiddenStrikes + 1 : 1;
        var windowStart = windowOpen ? account.ForbiddenWindowStart!.Value : now;
        if (strikes >= options.ForbiddenStrikeLimit)
        {
            return new AccountStateChange
            {
                ForbiddenStrikes = strikes,
                ForbiddenWindowStart = windowStart,
                ErrorMessage = AccountReason.ForbiddenRetired(strikes, (int)Math.Round(options.ForbiddenStrikeWindow.TotalMinutes)).Text,
            };
        }

        return new AccountStateChange
        {
            CooldownUntil = now + options.ForbiddenCooldown,
            CooldownReason = AccountReason.ForbiddenStrike(strikes, options.ForbiddenStrikeLimit).Text,
            ForbiddenStrikes = strikes,
            ForbiddenWindowStart = windowStart,
        };
    }
}
