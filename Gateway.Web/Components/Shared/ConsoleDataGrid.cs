using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Radzen.Blazor;

namespace Gateway.Web.Components.Shared;

/// <summary>
/// Radzen's data grid with its built-in texts (filter operators, pager) in the console's language;
/// pages still set their own <c>EmptyText</c>.
/// </summary>
[CascadingTypeParameter(nameof(TItem))]
public sealed class ConsoleDataGrid<TItem> : RadzenDataGrid<TItem>
    where TItem : notnull
{
    [Inject]
    private IStringLocalizer<Resources.DataGrid> Loc { get; set; } = default!;

    protected override void OnInitialized()
    {
        FilterText = Loc[nameof(Resources.DataGrid.Filter)];
        ApplyFilterText = Loc[nameof(Resources.DataGrid.Apply)];
        ClearFilterText = Loc[nameof(Resources.DataGrid.Clear)];
        AndOperatorText = Loc[nameof(Resources.DataGrid.And)];
        OrOperatorText = Loc[nameof(Resources.DataGrid.Or)];
        EqualsText = Loc[nameof(Resources.DataGrid.EqualTo)];
        NotEqualsText = Loc[nameof(Resources.DataGrid.NotEqualTo)];
        LessThanText = Loc[nameof(Resources.DataGrid.LessThan)];
        LessThanOrEqualsText = Loc[nameof(Resources.DataGrid.LessThanOrEqual)];
        GreaterThanText = Loc[nameof(Resources.DataGrid.GreaterThan)];
        GreaterThanOrEqualsText = Loc[nameof(Resources.DataGrid.GreaterThanOrEqual)];
        ContainsText = Loc[nameof(Resources.DataGrid.Contains)];
        DoesNotContainText = Loc[nameof(Resources.DataGrid.DoesNotContain)];
        StartsWithText = Loc[nameof(Resources.DataGrid.StartsWith)];
        EndsWithText = Loc[nameof(Resources.DataGrid.EndsWith)];
        IsNullText = Loc[nameof(Resources.DataGrid.IsNull)];
        IsNotNullText = Loc[nameof(Resources.DataGrid.IsNotNull)];
        IsEmptyText = Loc[nameof(Resources.DataGrid.IsEmpty)];
        IsNotEmptyText = Loc[nameof(Resources.DataGrid.IsNotEmpty)];
        InText = Loc[nameof(Resources.DataGrid.In)];
        NotInText = Loc[nameof(Resources.DataGrid.NotIn)];
        CustomText = Loc[nameof(Resources.DataGrid.Custom)];
        EnumFilterSelectText = Loc[nameof(Resources.DataGrid.SelectValue)];
        EnumNullFilterText = Loc[nameof(Resources.DataGrid.NoValue)];
        PageSizeText = Loc[nameof(Resources.DataGrid.ItemsPerPage)];
        PagingSummaryFormat = Loc[nameof(Resources.DataGrid.PagingSummary)];
        FirstPageTitle = Loc[nameof(Resources.DataGrid.FirstPage)];
        PrevPageTitle = Loc[nameof(Resources.DataGrid.PreviousPage)];
        NextPageTitle = Loc[nameof(Resources.DataGrid.NextPage)];
        LastPageTitle = Loc[nameof(Resources.DataGrid.LastPage)];
        base.OnInitialized();
    }
}
