using Gateway.Core.Security;
using Gateway.Web.Console;
using Microsoft.AspNetCore.Components;

namespace Gateway.Web.Components.Pages.Account;

/// <summary>First-run setup: creates the first admin when none is configured or exists, then signs it in.</summary>
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

        var user = new AdminUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = Time.GetUtcNow().UtcDateTime };
        var created = await Users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            errors.AddRange(created.Errors.Select(e => e.Description));
            return;
        }

        await Users.AddToRoleAsync(user, AdminRoles.Admin);
        await SignInManager.SignInAsync(user, isPersistent: false);
        Navigation.NavigateTo(ConsoleRoutes.Dashboard, forceLoad: true);
    }

    private sealed class SetupInput
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }
}
