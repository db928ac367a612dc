using System.Collections;
using System.Resources;

namespace Gateway.Tests.Web.Console;

public sealed class ConsoleResourcesTests
{
    public static TheoryData<string> ResourceClasses() =>
        [.. typeof(Program).Assembly.GetTypes().Where(t => t.Namespace == "Gateway.Web.Resources" && t.GetProperty("ResourceManager", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public) is not null).Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(ResourceClasses))]
    public void EveryEnglishText_HasAChineseTranslation(string resource)
    {
        var type = typeof(Program).Assembly.GetType($"Gateway.Web.Resources.{resource}")!;
        var manager = (ResourceManager)type.GetProperty("ResourceManager", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!.GetValue(null)!;

        var english = Keys(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false));
        var chinese = Keys(manager.GetResourceSet(CultureInfo.GetCultureInfo("zh-CN"), createIfNotExists: true, tryParents: false));

        Assert.Equal(english, chinese);
    }

    [Theory]
    [InlineData(typeof(Gateway.Web.Resources.AccountsPage))]
    [InlineData(typeof(Gateway.Web.Resources.KeysPage))]
    public void PagesWithRowActions_HoldEveryTextTheActionsRead(Type resource)
    {
        var manager = (ResourceManager)resource.GetProperty("ResourceManager", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!.GetValue(null)!;

        var keys = Keys(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false));

        Assert.Empty(RowActions.TextKeys.Except(keys));
    }

    private static List<string> Keys(ResourceSet? set) =>
        set is null ? [] : [.. set.Cast<DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal)];
}
