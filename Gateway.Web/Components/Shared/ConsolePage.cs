namespace Gateway.Web.Components.Shared;

/// <summary>Base of the console pages: who is acting (for audit entries) and whether they may change things.</summary>
public abstract class ConsolePage : ConsoleComponent
{
    private ClaimsPrincipal user = new();

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>True for admins; viewers see the page with every change disabled.</summary>
    protected bool CanEdit => ConsoleAccess.CanEdit(user);

    /// <summary>The signed-in user's name, for audit entries.</summary>
    protected string Actor => user.Identity?.Name ?? "admin";

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        if (AuthenticationState is not null)
        {
            user = (await AuthenticationState).User;
        }

        await base.SetParametersAsync(ParameterView.Empty);
    }
}
