using Gateway.Core.Accounts;
using Gateway.Core.Options;

namespace Gateway.Core.Policies;

/// <summary>The account state an attempt that left its account leads to (SPEC 4.2–4.4, 4.6). Pure.</summary>
public static class CooldownRules
{
    public const string ModelNotSupportedReason = "model_not_supported";

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
            FailureClass.RateLimited => Cooldown(now + RateLimitCooldown(retryAfter, options), "429 rate limited"),
            FailureClass.QuotaExceeded => Cooldown(now + QuotaCooldown(retryAfter, options), "quota exhausted"),
            FailureClass.Overloaded => Cooldown(now + options.OverloadCooldown, "529 overloaded"),
            FailureClass.ServerError => Cooldown(now + options.ServerErrorCooldown, "5xx upstream error"),

            // 4.6: a stream cut, a reset or silence before the answer began is transient, like a 5xx.
            _ when failure.IsTransient() => Cooldown(now + options.ServerErrorCooldown, $"transient upstream failure ({failure.ToWire()})"),
            FailureClass.Forbidden => Strike(account, now, options),
            FailureClass.Unauthorized when account.Type == AccountType.ApiKey =>
                new AccountStateChange { ErrorMessage = "401 unauthorized: the upstream refused the API key" },
            FailureClass.Unauthorized => Cooldown(now + options.UnauthorizedCooldown, "401 unauthorized after token refresh"),
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

    private static AccountStateChange Cooldown(DateTime until, string reason) => new() { CooldownUntil = until, CooldownReason = reason };

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
                ErrorMessage = $"403 forbidden {strikes} times within {options.ForbiddenStrikeWindow.TotalMinutes:0} minutes",
            };
        }

        return new AccountStateChange
        {
            CooldownUntil = now + options.ForbiddenCooldown,
            CooldownReason = $"403 temporary cooldown ({strikes}/{options.ForbiddenStrikeLimit})",
            ForbiddenStrikes = strikes,
            ForbiddenWindowStart = windowStart,
        };
    }
}
