using Bunit;
using Gateway.Web.Components.Pages.Settings;

namespace Gateway.Tests.Web.Console.Components;

public sealed class SettingsPageTests(ConsoleAppFixture fixture) : ConsolePageTest(fixture)
{
    [Theory]
    [InlineData("en", "500 ms", "10 min", "1 d", "32 MiB", "30 d", "10,000", "Cooldown after an upstream 403.")]
    [InlineData("zh-CN", "500 毫秒", "10 分钟", "1 天", "32 MiB", "30 天", "10,000", "上游返回 403 后的冷却时间。")]
    public void Tunables_ShowDurationsAndSizesInWords_WithTheirMeaning(
        string culture, string retryDelay, string forbiddenCooldown, string cacheTtl, string bodyLimit, string retention, string capacity, string meaning)
    {
        UseCulture(culture);
        RenderProviders();

        var page = Render<SettingsPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=tunable]")));
        Assert.Equal(retryDelay, Value(page, "SameAccountRetryDelay"));
        Assert.Equal(forbiddenCooldown, Value(page, "ForbiddenCooldown"));
        Assert.Equal(cacheTtl, Value(page, "EndpointCacheTtl"));
        Assert.Equal(bodyLimit, Value(page, "MaxRequestBodyBytes"));
        Assert.Equal(retention, Value(page, "UsageRetentionDays"));
        Assert.Equal(capacity, Value(page, "UsageChannelCapacity"));
        Assert.Contains(meaning, Tunable(page, "ForbiddenCooldown").TextContent);
        Assert.DoesNotContain("00:", string.Concat(page.FindAll("[data-testid=tunable-value]").Select(v => v.TextContent)));
    }

    [Fact]
    public async Task AutoEndpointSwitch_SavesTheSetting_AndSaysSo()
    {
        var providers = RenderProviders();
        var page = Render<SettingsPage>();
        page.WaitForAssertion(() => Assert.Equal("Off", page.Find("[data-testid=auto-endpoint-state]").TextContent.Trim()));

        page.Find("[data-testid=auto-endpoint-switch]").Change(true);

        page.WaitForAssertion(() => Assert.Equal("On", page.Find("[data-testid=auto-endpoint-state]").TextContent.Trim()));
        providers.WaitForAssertion(() => Assert.Contains("Setting saved.", providers.Markup));
        await using var db = Fixture.CreateDbContext();
        Assert.Equal("true", (await db.Settings.SingleAsync(s => s.Key == FeatureSettings.AutoEndpointKey)).Value);
    }

    private static IElement Tunable(IRenderedComponent<SettingsPage> page, string name) => page.Find($"[data-testid=tunable][data-key='Gateway:{name}']");

    private static string Value(IRenderedComponent<SettingsPage> page, string name) => Tunable(page, name).QuerySelector("[data-testid=tunable-value]")!.TextContent;
}
