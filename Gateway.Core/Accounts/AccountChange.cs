namespace Gateway.Core.Accounts;

/// <summary>What changed about an account, so caches refresh and probes get queued.</summary>
public enum AccountChangeKind
{
    Created,
    Updated,

    /// <summary>Base URL, platform or secret changed: the capability probe must run again.</summary>
    ConnectionChanged,
    StateChanged,
    Deleted,
}

/// <summary>A change to one account.</summary>
public sealed record AccountChange(long AccountId, AccountChangeKind Kind);

/// <summary>Told about every admin change to an account (cache refresh, probe scheduling).</summary>
public interface IAccountChangeNotifier
{
    void AccountChanged(AccountChange change);
}

/// <summary>Fans an account change out to every registered <see cref="IAccountChangeListener"/>.</summary>
internal sealed class AccountChangeNotifier(IEnumerable<IAccountChangeListener> listeners) : IAccountChangeNotifier
{
    public void AccountChanged(AccountChange change)
    {
        foreach (var listener in listeners)
        {
            listener.OnAccountChanged(change);
        }
    }
}

/// <summary>Reacts to account changes; must not block or throw.</summary>
public interface IAccountChangeListener
{
    void OnAccountChanged(AccountChange change);
}
