namespace Gateway.Web.Console.Pickers;

/// <summary>An item a picker offers: its id and the text shown and searched.</summary>
public sealed record PickerItem(long Id, string Label);

/// <summary>
/// A multi-select over a possibly long list with a search box: which items match the search (chosen ones
/// first, so they stay in view) and which are chosen. The chosen set is the caller's, changed in place.
/// </summary>
public sealed class PickerModel(IReadOnlyList<PickerItem> items, ISet<long> chosen)
{
    public string Search { get; set; } = "";

    public IReadOnlyList<PickerItem> Items => items;

    public ISet<long> Chosen => chosen;

    /// <summary>The items matching the search, chosen first, each part in label order.</summary>
    public IEnumerable<PickerItem> Visible =>
        items.Where(i => string.IsNullOrWhiteSpace(Search) || i.Label.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderBy(i => !chosen.Contains(i.Id))
            .ThenBy(i => i.Label, StringComparer.CurrentCultureIgnoreCase);

    /// <summary>The chosen items, in label order.</summary>
    public IEnumerable<PickerItem> ChosenItems => items.Where(i => chosen.Contains(i.Id)).OrderBy(i => i.Label, StringComparer.CurrentCultureIgnoreCase);

    public void Toggle(long id)
    {
        if (!chosen.Remove(id))
        {
            chosen.Add(id);
        }
    }
}
