namespace Gateway.Web.Console;

/// <summary>An account or key to filter by.</summary>
public sealed record NamedChoice(long Id, string Name);

/// <summary>The accounts or API keys a filter field picks one of by name: in name order, searched as the admin types.</summary>
public sealed class NamedChoices(IReadOnlyDictionary<long, string> byId)
{
    public static NamedChoices None { get; } = new(new Dictionary<long, string>());

    public IReadOnlyList<NamedChoice> All { get; } =
        [.. byId.Select(p => new NamedChoice(p.Key, p.Value)).OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)];

    /// <summary>The choice of <paramref name="id"/>; null for no id, or one that is not among the choices.</summary>
    public NamedChoice? Of(long? id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>The field's search: the choices whose name contains <paramref name="text"/>, ignoring case; all of them for no text.</summary>
    public Task<IEnumerable<NamedChoice>> SearchAsync(string? text, CancellationToken ct) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text) ? All : All.Where(c => c.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));
}
