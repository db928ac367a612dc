namespace Gateway.Web.Components.Pages.Users;

/// <summary>The admin users page: console users with their roles, and admin API tokens.</summary>
public partial class UsersPage
{
    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override Task OnInitializedAsync() => Model.LoadAsync(PageLifetime);

    private async Task CreateUserAsync()
    {
        if (await Model.CreateUserAsync(Actor, PageLifetime))
        {
            Snackbar.Add(Loc[nameof(Resources.UsersPage.UserAdded)], Severity.Success);
        }
    }

    private async Task DeleteUserAsync(ConsoleUserRow user)
    {
        if (await ConfirmAsync(Loc[nameof(Resources.UsersPage.DeleteUserTitle)], string.Format(Loc[nameof(Resources.UsersPage.DeleteUserConfirm)], user.Email)))
        {
            await Model.DeleteUserAsync(user, Actor, PageLifetime);
        }
    }

    private async Task SetRoleAsync(ConsoleUserRow user, string role)
    {
        var makeViewer = Loc[nameof(Resources.UsersPage.MakeViewer)];
        if (UsersViewModel.IsDemotion(user, role)
            && !await Dialogs.ConfirmAsync(makeViewer, string.Format(Loc[nameof(Resources.UsersPage.MakeViewerConfirm)], user.Email), makeViewer, Common))
        {
            return;
        }

        if (await Model.SetRoleAsync(user, role, Actor, PageLifetime))
        {
            Snackbar.Add(string.Format(Loc[nameof(Resources.UsersPage.RoleChanged)], user.Email, Terms.Role(role)), Severity.Success);
        }
    }

    private async Task SetPasswordAsync(ConsoleUserRow user)
    {
        var title = string.Format(Loc[nameof(Resources.UsersPage.SetPasswordTitle)], user.Email);
        if (await Dialogs.EditAsync(title, new DialogParameters<PasswordDialog> { { d => d.Model, new PasswordForm(user) }, { d => d.Actor, Actor } }, MaxWidth.ExtraSmall) is not null)
        {
            Snackbar.Add(string.Format(Loc[nameof(Resources.UsersPage.PasswordSet)], user.Email), Severity.Success);
        }
    }

    private Task CreateTokenAsync() => Model.CreateTokenAsync(Actor, PageLifetime);

    private async Task DeleteTokenAsync(AdminToken token)
    {
        if (await ConfirmAsync(Loc[nameof(Resources.UsersPage.DeleteTokenTitle)], string.Format(Loc[nameof(Resources.UsersPage.DeleteTokenConfirm)], token.Name)))
        {
            await Model.DeleteTokenAsync(token, Actor, PageLifetime);
        }
    }

    private Task<bool> ConfirmAsync(string title, string message) => Dialogs.ConfirmAsync(title, message, Common[nameof(Resources.Common.Delete)], Common);
}
