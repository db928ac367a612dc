namespace Gateway.Web.Console.Usage;

/// <summary>An account or key to filter by.</summary>
public sealed record NamedChoice(long Id, string Name);

/// <summary>One attempt of a request as the trace shows it, the gateway's words in the console's language.</summary>
public sealed record AttemptView(int Number, string Account, string Protocol, int Status, string FailureClass, string Decision, string Duration);

/// <summary>One usage row as the page shows it: names for ids, full UTC time, the gateway's words in the console's language.</summary>
public sealed record UsageRowView(
    long Id,
    string Time,
    int Status,
    string Model,
    string? UpstreamModel,
    string Account,
    string Key,
    int InputTokens,
    int OutputTokens,
    int CachedTokens,
    string Duration,
    string FirstToken,
    int Attempts,
    bool FailedOver,
    string Protocols,
    bool Stream,
    string RequestId,
    string? Error,
    IReadOnlyList<AttemptView> Trace);

/// <summary>
/// The usage page's state: the filter form as typed, the filter last applied (what the grid and the CSV
/// export show), the names behind ids, and pages of rows ready to show.
/// </summary>
internal sealed class UsageViewModel(UsageQueryService usage, ConsoleTerms terms) : IFilteredRows<UsageRowView>
{
    private static readonly string AccountSwitch = AttemptDecision.AccountSwitch.ToWire();

    private UsageNames names = UsageNames.Empty;

    public UsageFilterModel Form { get; private set; } = new();

    /// <summary>The filter the rows on screen were read with; nothing until Apply, so the page opens on the newest rows.</summary>
    public UsageFilter Applied { get; private set; } = new();

    public IReadOnlyList<NamedChoice> Accounts { get; private set; } = [];

    public IReadOnlyList<NamedChoice> Keys { get; private set; } = [];

    /// <summary>The CSV of exactly the rows the applied filter selects, whatever the form holds since.</summary>
    public string ExportUrl => ConsoleRoutes.UsageExportOf(Applied);

    /// <summary>The account picked in the form.</summary>
    public NamedChoice? Account
    {
        get => Accounts.FirstOrDefault(a => a.Id == Form.AccountId);
        set => Form.AccountId = value?.Id;
    }

    /// <summary>The API key picked in the form.</summary>
    public NamedChoice? Key
    {
        get => Keys.FirstOrDefault(k => k.Id == Form.KeyId);
        set => Form.KeyId = value?.Id;
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        names = await usage.NamesAsync(ct);
        Accounts = Choices(names.Accounts);
        Keys = Choices(names.Keys);
    }

    public void Apply() => Applied = Form.ToFilter();

    public void Reset()
    {
        Form = new UsageFilterModel();
        Applied = new UsageFilter();
    }

    /// <summary>Choices whose name contains <paramref name="text"/>, ignoring case; all of them for no text.</summary>
    public static IEnumerable<NamedChoice> Search(IEnumerable<NamedChoice> choices, string? text) =>
        string.IsNullOrWhiteSpace(text) ? choices : choices.Where(c => c.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>One page (zero-based) of the rows the applied filter selects, newest first, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<UsageRowView> Rows, int Total)> LoadAsync(int page, int pageSize, CancellationToken ct)
    {
        var result = await usage.QueryAsync(Applied, page * pageSize, pageSize, ct);
        return ([.. result.Items.Select(View)], result.Total);
    }

    private UsageRowView View(UsageLog u) => new(
        u.Id,
        ConsoleFormat.Utc(u.CreatedAt),
        u.Status,
        u.Model,
        u.UpstreamModel,
        names.Account(u.AccountId) ?? ConsoleFormat.None,
        names.Key(u.KeyId) ?? ConsoleFormat.None,
        u.InputTokens,
        u.OutputTokens,
        u.CachedTokens,
        terms.Milliseconds(u.DurationMs),
        u.FirstTokenMs is { } ttft ? terms.Milliseconds(ttft) : ConsoleFormat.None,
        u.Attempts,
        u.Trace.Any(a => a.Decision == AccountSwitch),
        $"{u.InboundProtocol.ToWire()} → {u.UpstreamProtocol?.ToWire() ?? ConsoleFormat.None}",
        u.Stream,
        u.RequestId,
        u.Error is null ? null : terms.GatewayMessage(u.Error),
        [.. u.Trace.Select((a, i) => new AttemptView(
            i + 1,
            names.Account(a.AccountId) ?? ConsoleFormat.None,
            a.UpstreamProtocol.ToWire(),
            a.Status,
            terms.FailureClass(a.FailureClass),
            terms.Decision(a.Decision),
            terms.Milliseconds(a.DurationMs)))]);

    /// <summary>The choices of <paramref name="byId"/>, in name order.</summary>
    public static List<NamedChoice> Choices(IReadOnlyDictionary<long, string> byId) =>
        [.. byId.Select(p => new NamedChoice(p.Key, p.Value)).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)];
}
