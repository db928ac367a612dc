using Gateway.Core.Security;
using Gateway.Web.Components.Dialogs;
using Gateway.Web.Console;
using Radzen;

namespace Gateway.Web.Components.Pages.Users;

/// <summary>The admin users page: console users with their roles, and admin API tokens.</summary>
public partial class UsersPage
{
    private List<ConsoleUserRow> users = [];
    private List<AdminToken> tokens = [];
    private IReadOnlyList<string> userErrors = [];
    private string? tokenError;
    private string? email;
    private string? password;
    private string role = AdminRoles.Viewer;
    private string? tokenName;
    private int? tokenDays;

    private IEnumerable<RoleChoice> RoleChoices => ConsoleUsers.Roles.Select(r => new RoleChoice(r, RoleText(r)));

    protected override async Task OnInitializedAsync()
    {
        users = await Users.ListAsync(CancellationToken.None);
        tokens = await Tokens.ListAsync(CancellationToken.None);
    }

    private string RoleText(string value) => value == AdminRoles.Admin ? Loc[nameof(Resources.UsersPage.RoleAdmin)] : Loc[nameof(Resources.UsersPage.RoleViewer)];

    private async Task CreateUserAsync()
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            userErrors = [Loc[nameof(Resources.UsersPage.EmailPasswordRequired)]];
            return;
        }

        userErrors = await Users.CreateAsync(email, password, role, CancellationToken.None);
        if (userErrors.Count == 0)
        {
            email = null;
            password = null;
            users = await Users.ListAsync(CancellationToken.None);
        }
    }

    private async Task DeleteUserAsync(ConsoleUserRow user)
    {
        var confirmed = await Dialogs.Confirm(string.Format(Loc[nameof(Resources.UsersPage.DeleteUserConfirm)], user.Email), Common[nameof(Resources.Common.Delete)],
            new ConfirmOptions { OkButtonText = Common[nameof(Resources.Common.Delete)], CancelButtonText = Common[nameof(Resources.Common.Cancel)] });
        if (confirmed is not true)
        {
            return;
        }

        var outcome = await Users.DeleteAsync(user.Id, CancellationToken.None);
        userErrors = outcome == UserDeletion.LastAdmin ? [Loc[nameof(Resources.UsersPage.LastAdmin)]] : [];
        users = await Users.ListAsync(CancellationToken.None);
    }

    private async Task CreateTokenAsync()
    {
        if (string.IsNullOrWhiteSpace(tokenName))
        {
            tokenError = Loc[nameof(Resources.UsersPage.TokenNameRequired)];
            return;
        }

        tokenError = null;
        var expiresAt = tokenDays is { } days ? Time.GetUtcNow().UtcDateTime.AddDays(days) : (DateTime?)null;
        var created = await Tokens.CreateAsync(tokenName, Actor, expiresAt, CancellationToken.None);
        tokenName = null;
        tokenDays = null;
        tokens = await Tokens.ListAsync(CancellationToken.None);
        await SecretDialog.ShowAsync(SecretDialogs, Loc[nameof(Resources.UsersPage.TokenCreatedTitle)], created.Secret);
    }

    private async Task DeleteTokenAsync(AdminToken token)
    {
        var confirmed = await Dialogs.Confirm(string.Format(Loc[nameof(Resources.UsersPage.DeleteTokenConfirm)], token.Name), Common[nameof(Resources.Common.Delete)],
            new ConfirmOptions { OkButtonText = Common[nameof(Resources.Common.Delete)], CancelButtonText = Common[nameof(Resources.Common.Cancel)] });
        if (confirmed is true)
        {
            await Tokens.DeleteAsync(token.Id, CancellationToken.None);
            tokens = await Tokens.ListAsync(CancellationToken.None);
        }
    }

    private sealed record RoleChoice(string Value, string Text);
}
