namespace Gateway.Web.Components.Pages.Account;

/// <summary>
/// The sign-in page: a static server-rendered form (Identity sets its cookie on the POST), throttled per client address
/// (<see cref="LoginThrottle"/>: a per-address limit and a lockout of one user from one address, never account-wide),
/// first-run redirect to setup, and a plain word to a signed-in user sent here for lack of rights.
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

        var address = HttpContext.Connection.RemoteIpAddress;
        var user = Input.Email.Trim();
        var refusal = Throttle.Begin(address, user);
        if (refusal != LoginRefusal.None)
        {
            error = refusal == LoginRefusal.LockedOut ? Loc[nameof(Resources.Login.LockedOut)] : Loc[nameof(Resources.Login.TooManyAttempts)];
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            Throttle.Succeeded(address, user);
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
