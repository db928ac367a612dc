namespace Gateway.Web.Console;

/// <summary>A console language: its culture name and its name in itself.</summary>
public sealed record ConsoleLanguage(string Culture, string Label);

/// <summary>The console's languages; the first is the default.</summary>
public static class ConsoleLanguages
{
    // Each language is named in itself, so anyone can find their own.
    public static IReadOnlyList<ConsoleLanguage> All { get; } = [new("en", "English"), new("zh-CN", "简体中文")];

    public static IReadOnlyList<string> Cultures { get; } = [.. All.Select(l => l.Culture)];

    /// <summary>The languages to offer besides the one shown now.</summary>
    public static IEnumerable<ConsoleLanguage> Others(CultureInfo current) =>
        All.Where(l => !string.Equals(l.Culture, Current(current).Culture, StringComparison.OrdinalIgnoreCase));

    /// <summary>The console language a culture falls under (zh-Hans and zh under Chinese), the default for any other.</summary>
    public static ConsoleLanguage Current(CultureInfo culture) =>
        All.FirstOrDefault(l => string.Equals(l.Culture, culture.Name, StringComparison.OrdinalIgnoreCase))
        ?? All.FirstOrDefault(l => CultureInfo.GetCultureInfo(l.Culture).TwoLetterISOLanguageName == culture.TwoLetterISOLanguageName)
        ?? All[0];
}
