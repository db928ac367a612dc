using Gateway.Web.Console;
using Microsoft.AspNetCore.Components;

namespace Gateway.Web.Components.Pages.Account;

/// <summary>
/// The sign-in page: a static server-rendered form (Identity sets its cookie on the POST), lockout after
/// repeated failures, first-run redirect to setup, and a plain word to a signed-in user sent here for lack of rights.
/// </summary>
public partial class Login
{
    private string? error;
    private string? signedInAs;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginInput Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (!HttpMethods.IsGet(HttpContext.Request.Method))
        {
            return;
        }

        if (await FirstRun.IsSetupAllowedAsync(HttpContext.RequestAborted))
        {
            Navigation.NavigateTo(ConsoleRoutes.Setup);
            return;
        }

        if (HttpContext.User.Identity is { IsAuthenticated: true, Name: var name } && !string.IsNullOrEmpty(ReturnUrl))
        {
            signedInAs = name;
        }
    }

    private async Task LogInAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            error = Loc[nameof(Resources.Login.Required)];
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(ConsoleRoutes.LocalOrHome(ReturnUrl), forceLoad: true);
        }
        else
        {
            error = result.IsLockedOut ? Loc[nameof(Resources.Login.LockedOut)] : Loc[nameof(Resources.Login.Invalid)];
        }
    }

    private sealed class LoginInput
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }
}
