namespace Gateway.Core.Accounts;

/// <summary>
/// Picks the account for an attempt (SPEC 3.2): active, schedulable, not cooling down, serving the model and
/// not suspended for its upstream model, with a free slot; the sticky account first, then by priority, fewest
/// in flight, least recently used. When every eligible account is busy it waits for a slot.
/// </summary>
public sealed class AccountSelector(AccountPool pool, StickySessions sticky, TimeProvider time, IOptionsMonitor<GatewayOptions> options)
{
    /// <summary>A lease on the chosen account, or null when no eligible account is left (or none freed up in time).</summary>
    public async ValueTask<AccountLease?> AcquireAsync(long groupId, string model, IReadOnlySet<long> excluded, string? session, CancellationToken ct)
    {
        await pool.EnsureLoadedAsync(ct);
        var waitStarted = time.GetTimestamp();
        while (true)
        {
            var released = pool.SlotReleased;
            var candidates = Eligible(groupId, model, excluded);
            if (candidates.Count == 0)
            {
                return null;
            }

            if (session is not null && sticky.Find(groupId, session) is { } stickyId
                && WithId(candidates, stickyId) is { } preferred && preferred.TryAcquireSlot())
            {
                return Lease(preferred);
            }

            if (TakeBestFree(candidates) is { } free)
            {
                return Lease(free);
            }

            var remaining = options.CurrentValue.AccountSlotWaitTimeout - time.GetElapsedTime(waitStarted);
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            // Every eligible account is at its concurrency limit: wait for any release, then look again.
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                await Task.WhenAny(released, Task.Delay(remaining, time, wait.Token));
                await wait.CancelAsync();
            }

            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// A slot on the best eligible account that has one free right now, or null; never waits, and marks nothing as used.
    /// For side calls such as token counts, which have a local answer when no account is free (SPEC 4.4).
    /// </summary>
    /// <param name="accepts">Which accounts can serve the side call (e.g. only anthropic ones count Messages); null for any.</param>
    public async Task<AccountLease?> TryAcquireNowAsync(long groupId, string model, CancellationToken ct, Func<Account, bool>? accepts = null)
    {
        await pool.EnsureLoadedAsync(ct);
        var candidates = Eligible(groupId, model, ImmutableHashSet<long>.Empty);
        if (accepts is not null)
        {
            candidates.RemoveAll(c => !accepts(c.Account));
        }

        return TakeBestFree(candidates) is { } free ? new AccountLease(pool, free) : null;
    }

    /// <summary>
    /// What the group holds for the model once no attempt is left: accounts worth waiting for (busy or cooling down) and
    /// when the first of them cools down, or accounts the model is suspended on (SPEC 4.4), which waiting a little does
    /// not help.
    /// </summary>
    public ModelAvailability Availability(long groupId, string model)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var availability = new ModelAvailability(false, null, false);
        foreach (var runtime in GroupAccountsFor(groupId, model))
        {
            if (runtime.IsSuspended(ModelMapper.ForAccount(runtime.Account, model), now))
            {
                availability = availability with { Suspended = true };
                continue;
            }

            var soonest = availability.SoonestAvailable;
            if (runtime.Account.CooldownUntil is { } until && until > now && (soonest is null || until < soonest))
            {
                soonest = until;
            }

            availability = availability with { Waitable = true, SoonestAvailable = soonest };
        }

        return availability;
    }

    /// <summary>Accounts of the group that serve the model, ignoring slots, cooldowns and suspensions.</summary>
    private IEnumerable<AccountRuntime> GroupAccountsFor(long groupId, string model) =>
        pool.Accounts.Where(a => ServesGroupModel(a, groupId, model));

    private static bool ServesGroupModel(AccountRuntime runtime, long groupId, string model) =>
        runtime.GroupIds.Contains(groupId)
        && runtime.Account.Status == AccountStatus.Active
        && runtime.Account.Schedulable
        && ModelMapper.Serves(runtime.Account.ModelMapping, model);

    // Runs on every attempt: a loop over the snapshot by index, with no closure, delegate or enumerator to allocate.
    private List<AccountRuntime> Eligible(long groupId, string model, IReadOnlySet<long> excluded)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var accounts = pool.Accounts;
        var result = new List<AccountRuntime>();
        for (var i = 0; i < accounts.Count; i++)
        {
            var runtime = accounts[i];
            if (ServesGroupModel(runtime, groupId, model)
                && !excluded.Contains(runtime.Id)
                && !runtime.Account.IsCoolingDown(now)
                && !runtime.IsSuspended(ModelMapper.ForAccount(runtime.Account, model), now))
            {
                result.Add(runtime);
            }
        }

        return result;
    }

    private static AccountRuntime? WithId(List<AccountRuntime> candidates, long id)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Id == id)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The preferred candidate that has a free slot, taken: lowest priority number, then fewest in flight, then least
    /// recently used, then the pool's order (by id). Candidates tried are removed from the list. One scan per try, no
    /// sort: this runs on every attempt and a sort cost more than the rest of the choice.
    /// </summary>
    private static AccountRuntime? TakeBestFree(List<AccountRuntime> candidates)
    {
        while (candidates.Count > 0)
        {
            var best = 0;
            for (var i = 1; i < candidates.Count; i++)
            {
                if (Preferred(candidates[i], candidates[best]))
                {
                    best = i;
                }
            }

            var candidate = candidates[best];
            candidates.RemoveAt(best);
            if (candidate.TryAcquireSlot())
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool Preferred(AccountRuntime a, AccountRuntime b) =>
        (a.Account.Priority, a.InFlight, a.LastUsedTicks).CompareTo((b.Account.Priority, b.InFlight, b.LastUsedTicks)) < 0;

    private AccountLease Lease(AccountRuntime runtime)
    {
        runtime.MarkUsed(time.GetUtcNow().UtcDateTime);
        return new AccountLease(pool, runtime);
    }
}
