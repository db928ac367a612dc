namespace Gateway.Web.Console.Usage;

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
internal sealed class UsageViewModel(UsageQueryService usage, ConsoleTerms terms)
    : ListingViewModel<UsageFilterModel, UsageFilter, UsageLog, UsageRowView>(usage)
{
    private static readonly string AccountSwitch = AttemptDecision.AccountSwitch.ToWire();

    public NamedChoices Keys { get; private set; } = NamedChoices.None;

    /// <summary>The CSV of exactly the rows the applied filter selects, whatever the form holds since.</summary>
    public string ExportUrl => ConsoleRoutes.UsageExportOf(Applied);

    /// <summary>The API key picked in the form.</summary>
    public NamedChoice? Key
    {
        get => Keys.Of(Form.KeyId);
        set => Form.KeyId = value?.Id;
    }

    public override async Task InitializeAsync(CancellationToken ct)
    {
        await base.InitializeAsync(ct);
        Keys = new NamedChoices(Names.Keys);
    }

    protected override UsageRowView View(UsageLog u) => new(
        u.Id,
        ConsoleFormat.Utc(u.CreatedAt),
        u.Status,
        u.Model,
        u.UpstreamModel,
        Names.Account(u.AccountId) ?? ConsoleFormat.None,
        Names.Key(u.KeyId) ?? ConsoleFormat.None,
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
            Names.Account(a.AccountId) ?? ConsoleFormat.None,
            a.UpstreamProtocol.ToWire(),
            a.Status,
            terms.FailureClass(a.FailureClass),
            terms.Decision(a.Decision),
            terms.Milliseconds(a.DurationMs)))]);
}
