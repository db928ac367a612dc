namespace Gateway.Web.Console.Audit;

/// <summary>An action to filter by: its stable name and its name in the console's language.</summary>
public sealed record ActionChoice(string Action, string Name);

/// <summary>One audit entry as the page shows it: full UTC time, the action in the console's language, the account by name.</summary>
public sealed record AuditRowView(long Id, string Time, string Action, string Actor, string Account, string Detail);

/// <summary>
/// The audit page's state: the filter form as typed, the filter last applied (what the grid shows), the
/// accounts to filter by and name, and pages of entries ready to show. It reads; it changes nothing.
/// </summary>
internal sealed class AuditViewModel(AuditQueryService audit, ConsoleTerms terms)
    : ListingViewModel<AuditFilterModel, AuditFilter, AuditEntry, AuditRowView>(audit)
{
    /// <summary>Every action the gateway writes, in the console's language (a new one appears here without a change to the page).</summary>
    public IReadOnlyList<ActionChoice> Actions => [.. AuditActions.All.Select(a => new ActionChoice(a, terms.AuditAction(a)))];

    /// <summary>The name of an action in the console's language, for the action field.</summary>
    public string ActionName(string? action) => action is null ? "" : terms.AuditAction(action);

    // An account deleted since shows as #id; its entries' detail names it.
    protected override AuditRowView View(AuditEntry a) => new(
        a.Id,
        ConsoleFormat.Utc(a.CreatedAt),
        terms.AuditAction(a.Action),
        a.Actor,
        Names.Account(a.AccountId) ?? ConsoleFormat.None,
        Detail(a));

    // A triggered job by its name in the console's language, a user's role in it, a text the gateway wrote read in it, a
    // group's or key's name as it is.
    private string Detail(AuditEntry a) => a.Action switch
    {
        AuditActions.JobTriggered => terms.JobName(a.Detail),
        AuditActions.UserCreated or AuditActions.UserRoleChanged when ConsoleUsers.ReadRoleDetail(a.Detail) is { } given => terms.UserWithRole(given.Email, given.Role),
        _ => terms.GatewayMessage(a.Detail),
    };
}
