namespace Gateway.Web.Components.Layout;

/// <summary>
/// The console's frame: a top bar that never wraps (menu button, brand, language, user) over a drawer
/// that overlays the page on phones and tablets and sits beside it, collapsible, on wider screens.
/// </summary>
public partial class MainLayout
{
    private bool drawerOpen = true;

    private void ToggleDrawer() => drawerOpen = !drawerOpen;
}
