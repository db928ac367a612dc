using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Gateway.Web.Components.Shared;

/// <summary>Base of the console pages: knows who is acting, for audit entries.</summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The signed-in admin's name.</summary>
    protected async Task<string> ActorAsync() =>
        AuthenticationState is null ? "admin" : (await AuthenticationState).User.Identity?.Name ?? "admin";
}
