namespace Gateway.Tests.Web.Console;

public sealed class GatewayOptionsViewTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void EveryTunable_HasAMeaningInBothLanguages(string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var rows = new GatewayOptionsView(ConsoleLocalization.Terms(), ConsoleLocalization.For<Gateway.Web.Resources.SettingsPage>()).Describe(new GatewayOptions());

            Assert.Equal(typeof(GatewayOptions).GetProperties().Length, rows.Count);
            Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Description), r.Key));
            Assert.Equal(typeof(GatewayOptions).GetProperties().Select(p => p.Name).Order(), GatewayOptionsView.Descriptions.Keys.Order());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData("MaxRequestBodyBytes", 33554432L, "32 MiB")]
    [InlineData("ProbeMaxResponseBytes", 262144, "256 KiB")]
    [InlineData("UpstreamErrorBodyMaxBytes", 1000, "1,000 bytes")]
    [InlineData("UsageBatchSize", 200, "200")]
    [InlineData("ProbeModel", "gpt-4o-mini", "gpt-4o-mini")]
    public void Values_AreShownInWords(string name, object value, string expected)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        try
        {
            var view = new GatewayOptionsView(ConsoleLocalization.Terms(), ConsoleLocalization.For<Gateway.Web.Resources.SettingsPage>());

            Assert.Equal(expected, view.Format(name, value));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
