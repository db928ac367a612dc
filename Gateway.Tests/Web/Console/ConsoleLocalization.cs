using Microsoft.Extensions.Localization;

namespace Gateway.Tests.Web.Console;

/// <summary>The console's real resource localisers, for testing its view models without a host.</summary>
internal static class ConsoleLocalization
{
    private static readonly ResourceManagerStringLocalizerFactory Factory = new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    public static IStringLocalizer<T> For<T>() => new StringLocalizer<T>(Factory);

    public static ConsoleTerms Terms() => new(For<Gateway.Web.Resources.Terms>());
}
