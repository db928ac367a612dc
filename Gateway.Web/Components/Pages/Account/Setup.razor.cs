namespace Gateway.Web.Components.Pages.Account;

/// <summary>
/// First-run setup: with the one-time setup token from the gateway's log, creates the first admin when none is configured
/// or exists and the page was never used, then signs it in.
/// </summary>
public partial class Setup
{
    private readonly List<string> errors = [];

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private SetupInput Input { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (!await FirstRun.IsSetupAllowedAsync(HttpContext.RequestAborted))
        {
            Navigation.NavigateTo(ConsoleRoutes.Login);
        }
    }

    private async Task CreateAsync()
    {
        var email = Input.Email.Trim();
        if (email.Length == 0 || !email.Contains('@'))
        {
            errors.Add(Loc[nameof(Resources.Setup.EmailInvalid)]);
        }

        if (Input.Password.Length < 8)
        {
            errors.Add(Loc[nameof(Resources.Setup.PasswordTooShort)]);
        }

        if (errors.Count > 0)
        {
            return;
        }

        var (outcome, refused) = await FirstRun.CreateFirstAdminAsync(email, Input.Password, Input.SetupToken, HttpContext.RequestAborted);
        switch (outcome)
        {
            case FirstRunOutcome.WrongToken:
                errors.Add(Loc[nameof(Resources.Setup.SetupTokenInvalid)]);
                return;
            case FirstRunOutcome.Closed:
                Navigation.NavigateTo(ConsoleRoutes.Login);
                return;
            case FirstRunOutcome.Refused:
                errors.AddRange(refused.Select(e => e.Description));
                return;
        }

        await SignInManager.SignInAsync((await Users.FindByEmailAsync(email))!, isPersistent: false);
        Navigation.NavigateTo(ConsoleRoutes.Dashboard, forceLoad: true);
    }

    private sealed class SetupInput
    {
        public string SetupToken { get; set; } = "";

        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }
}
