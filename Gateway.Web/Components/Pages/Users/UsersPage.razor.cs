namespace Gateway.Web.Components.Pages.Users;

/// <summary>The admin users page: console users with their roles, and admin API tokens.</summary>
public partial class UsersPage
{
    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override Task OnInitializedAsync() => Model.LoadAsync(PageLifetime);

    private async Task CreateUserAsync()
    {
        if (await Model.CreateUserAsync(PageLifetime))
        {
            Snackbar.Add(Loc[nameof(Resources.UsersPage.UserAdded)], Severity.Success);
        }
    }

    private async Task DeleteUserAsync(ConsoleUserRow user)
    {
        if (await ConfirmAsync(Loc[nameof(Resources.UsersPage.DeleteUserTitle)], string.Format(Loc[nameof(Resources.UsersPage.DeleteUserConfirm)], user.Email)))
        {
            await Model.DeleteUserAsync(user, PageLifetime);
        }
    }

    private Task CreateTokenAsync() => Model.CreateTokenAsync(Actor, PageLifetime);

    private async Task DeleteTokenAsync(AdminToken token)
    {
        if (await ConfirmAsync(Loc[nameof(Resources.UsersPage.DeleteTokenTitle)], string.Format(Loc[nameof(Resources.UsersPage.DeleteTokenConfirm)], token.Name)))
        {
            await Model.DeleteTokenAsync(token, PageLifetime);
        }
    }

    private Task<bool> ConfirmAsync(string title, string message) => Dialogs.ConfirmAsync(title, message, Common[nameof(Resources.Common.Delete)], Common);
}
