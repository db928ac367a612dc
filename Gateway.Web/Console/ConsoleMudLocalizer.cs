namespace Gateway.Web.Console;

/// <summary>
/// MudBlazor's own texts (pager, filters, dialogs, "Required") in the console's language. MudBlazor asks
/// only for cultures other than English; a key missing here falls back to its built-in English.
/// </summary>
internal sealed class ConsoleMudLocalizer(IStringLocalizer<Resources.MudBlazorTexts> loc) : MudLocalizer
{
    public override LocalizedString this[string key] => loc[key];

    public override LocalizedString this[string key, params object[] arguments] => loc[key, arguments];
}
