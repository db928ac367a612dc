namespace Gateway.Web.Components.Pages.Usage;

/// <summary>
/// The usage-log page: the newest rows on open, filters applied on demand, server-side paging, each
/// request's attempt trace, and a CSV export of exactly the applied filter.
/// </summary>
public partial class UsagePage
{
    private static readonly int[] PageSizes = [25, UsageQueryService.DefaultPageSize, 100, 200];

    protected override IFilteredRows<UsageRowView> Rows => Model;

    private static Color StatusColor(int status) => status switch
    {
        >= 200 and < 300 => Color.Success,
        >= 400 and < 500 => Color.Warning,
        _ => Color.Error,
    };
}
