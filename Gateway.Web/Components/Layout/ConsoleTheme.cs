namespace Gateway.Web.Components.Layout;

/// <summary>The console's MudBlazor theme.</summary>
internal static class ConsoleTheme
{
    // No web font can be fetched (offline machines, no CDN): the system's own UI fonts, with CJK faces
    // named so Chinese renders in a matching sans-serif.
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3056d3",
            AppbarBackground = "#1d2330",
            Background = "#f6f7f9",
        },
        Typography = new Typography
        {
            Default = Local(new DefaultTypography()),
            H1 = Local(new H1Typography()),
            H2 = Local(new H2Typography()),
            H3 = Local(new H3Typography()),
            H4 = Local(new H4Typography()),
            H5 = Local(new H5Typography()),
            H6 = Local(new H6Typography()),
            Subtitle1 = Local(new Subtitle1Typography()),
            Subtitle2 = Local(new Subtitle2Typography()),
            Body1 = Local(new Body1Typography()),
            Body2 = Local(new Body2Typography()),
            Button = Local(new ButtonTypography { TextTransform = "none" }),
            Caption = Local(new CaptionTypography()),
            Overline = Local(new OverlineTypography()),
        },
    };

    // Every typography names its own font family (MudBlazor's default is Roboto), so each gets the local stack.
    private static T Local<T>(T typography)
        where T : BaseTypography
    {
        typography.FontFamily = FontStack;
        return typography;
    }
}
