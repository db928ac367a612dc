namespace Gateway.Core.Persistence;

/// <summary>
/// The names behind the ids a listing's rows hold (usage logs, audit entries); an id whose row is gone shows as
/// <c>#id</c>.
/// </summary>
public sealed record ListingNames(IReadOnlyDictionary<long, string> Accounts, IReadOnlyDictionary<long, string> Keys, IReadOnlyDictionary<long, string> Groups)
{
    public static ListingNames Empty { get; } = new(new Dictionary<long, string>(), new Dictionary<long, string>(), new Dictionary<long, string>());

    public string? Account(long? id) => Name(Accounts, id);

    public string? Key(long? id) => Name(Keys, id);

    public string? Group(long? id) => Name(Groups, id);

    private static string? Name(IReadOnlyDictionary<long, string> names, long? id) =>
        id is { } value ? names.GetValueOrDefault(value, $"#{value}") : null;
}
