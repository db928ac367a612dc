namespace Gateway.Web.Components.Shared;

/// <summary>Chooses several items of a long list: chips for the chosen ones, a search box and a scrolling list of check boxes.</summary>
public partial class SearchablePicker
{
    [Parameter, EditorRequired]
    public PickerModel Model { get; set; } = default!;

    /// <summary>Shown instead of the list when there is nothing to choose from.</summary>
    [Parameter]
    public string EmptyText { get; set; } = "";

    [Parameter]
    public bool Disabled { get; set; }

    [Parameter]
    public string TestId { get; set; } = "picker";
}
