using Gateway.Core.Accounts;
using Gateway.Core.Usage;
using Gateway.Web.Components.Shared;
using Gateway.Web.Console;
using Gateway.Web.Console.Usage;
using Radzen;

namespace Gateway.Web.Components.Pages.Usage;

/// <summary>The usage-log page: filters, server-side paging, per-attempt trace and CSV export.</summary>
public partial class UsagePage
{
    private readonly UsageFilterModel filter = new();
    private ConsoleDataGrid<UsageLog>? grid;
    private IReadOnlyList<UsageLog> rows = [];
    private List<Gateway.Core.Accounts.Account> accounts = [];
    private List<ApiKey> keys = [];
    private Dictionary<long, string> accountNames = [];
    private Dictionary<long, string> keyNames = [];
    private int total;
    private bool loading;

    protected override async Task OnInitializedAsync()
    {
        accounts = await Accounts.ListAsync(CancellationToken.None);
        keys = await Keys.ListAsync(CancellationToken.None);
        accountNames = accounts.ToDictionary(a => a.Id, a => a.Name);
        keyNames = keys.ToDictionary(k => k.Id, k => k.Name);
    }

    private async Task LoadAsync(LoadDataArgs args)
    {
        loading = true;
        var page = await Usage.QueryAsync(filter.ToFilter(), args.Skip ?? 0, args.Top ?? UsageQueryService.DefaultPageSize, CancellationToken.None);
        rows = page.Items;
        total = page.Total;
        loading = false;
    }

    private async Task ApplyAsync()
    {
        if (grid is not null)
        {
            await grid.FirstPage(true);
        }
    }

    private static string Name(Dictionary<long, string> names, long? id) =>
        id is { } value ? names.GetValueOrDefault(value, $"#{value}") : ConsoleFormat.None;
}
