namespace Gateway.Web.Components.Shared;

/// <summary>Links to the console in each other language; works in static pages (login) and interactive ones alike.</summary>
public partial class LanguageSwitcher
{
    private string ReturnPath => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
}
