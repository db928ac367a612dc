using Common = Gateway.Web.Resources.Common;
using Loc = Gateway.Web.Resources.UsersPage;

namespace Gateway.Web.Console;

/// <summary>The new-user form.</summary>
public sealed class NewUserForm
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string Role { get; set; } = AdminRoles.Viewer;
}

/// <summary>The set-password form of one user.</summary>
public sealed class PasswordForm(ConsoleUserRow user)
{
    private string? password;

    public ConsoleUserRow User { get; } = user;

    // Editing the password withdraws its complaint, as on the new-user form.
    public string? Password
    {
        get => password;
        set => (password, Error) = (value, null);
    }

    public string? Error { get; internal set; }

    /// <summary>Complaints that are not about the password (e.g. the user is gone).</summary>
    public IReadOnlyList<string> OtherErrors { get; internal set; } = [];
}

/// <summary>
/// The admin users page's state: console users and admin API tokens, the forms that add them with each
/// complaint on the field it is about, a user's role and password changes, and a new token's secret, held only until
/// it is dismissed.
/// </summary>
internal sealed class UsersViewModel(ConsoleUsers users, AdminTokenService tokens, TimeProvider time, IStringLocalizer<Loc> loc, IStringLocalizer<Common> common)
{
    private string? tokenName;

    public IReadOnlyList<ConsoleUserRow> Users { get; private set; } = [];

    public IReadOnlyList<AdminToken> Tokens { get; private set; } = [];

    public NewUserForm NewUser { get; private set; } = new();

    // Editing a field withdraws its complaint: the next one, if any, comes from the next attempt.
    public string? Email
    {
        get => NewUser.Email;
        set => (NewUser.Email, EmailError) = (value, null);
    }

    public string? Password
    {
        get => NewUser.Password;
        set => (NewUser.Password, PasswordError) = (value, null);
    }

    public string? EmailError { get; private set; }

    public string? PasswordError { get; private set; }

    /// <summary>Complaints about the user that belong to no one field (e.g. the last admin cannot go).</summary>
    public IReadOnlyList<string> UserErrors { get; private set; } = [];

    public string? TokenName
    {
        get => tokenName;
        set => (tokenName, TokenNameError) = (value, null);
    }

    public string? TokenNameError { get; private set; }

    /// <summary>How many days the next token works; null for a token that never expires.</summary>
    public int? TokenValidDays { get; set; }

    /// <summary>The token just created, with its secret: shown once, then only its prefix.</summary>
    public CreatedAdminToken? CreatedToken { get; private set; }

    public async Task LoadAsync(CancellationToken ct)
    {
        Users = await users.ListAsync(ct);
        Tokens = await tokens.ListAsync(ct);
    }

    /// <summary>Adds the user in the form; false (with the reasons set) when a field is missing or Identity refuses.</summary>
    public async Task<bool> CreateUserAsync(string actor, CancellationToken ct)
    {
        EmailError = string.IsNullOrWhiteSpace(NewUser.Email) ? loc[nameof(Loc.EmailRequired)].Value : null;
        PasswordError = string.IsNullOrEmpty(NewUser.Password) ? loc[nameof(Loc.PasswordRequired)].Value : null;
        UserErrors = [];
        if (EmailError is not null || PasswordError is not null)
        {
            return false;
        }

        var errors = await users.CreateAsync(NewUser.Email!, NewUser.Password!, NewUser.Role, actor, ct);
        if (errors.Count > 0)
        {
            EmailError = Join(errors.Where(IsAboutEmail));
            PasswordError = Join(errors.Where(IsAboutPassword));
            UserErrors = [.. errors.Where(e => !IsAboutEmail(e) && !IsAboutPassword(e)).Select(e => e.Description)];
            return false;
        }

        NewUser = new NewUserForm();
        Users = await users.ListAsync(ct);
        return true;
    }

    public async Task DeleteUserAsync(ConsoleUserRow user, string actor, CancellationToken ct)
    {
        var outcome = await users.DeleteAsync(user.Id, actor, ct);
        UserErrors = outcome == UserDeletion.LastAdmin ? [loc[nameof(Loc.LastAdmin)]] : [];
        await LoadAsync(ct);
    }

    /// <summary>True when giving <paramref name="user"/> <paramref name="role"/> takes admin rights away, which the admin confirms first.</summary>
    public static bool IsDemotion(ConsoleUserRow user, string role) => user.Role == AdminRoles.Admin && role != AdminRoles.Admin;

    /// <summary>
    /// Gives a user another role; false (with the reason in <see cref="UserErrors"/>) when it is the last admin or gone.
    /// Users and tokens are read again either way: a demotion deletes the tokens the user created.
    /// </summary>
    public async Task<bool> SetRoleAsync(ConsoleUserRow user, string role, string actor, CancellationToken ct)
    {
        var outcome = await users.SetRoleAsync(user.Id, role, actor, ct);
        UserErrors = outcome switch
        {
            RoleChange.LastAdmin => [loc[nameof(Loc.LastAdmin)]],
            RoleChange.NotFound => [loc[nameof(Loc.UserGone)]],
            _ => [],
        };
        await LoadAsync(ct);
        return outcome == RoleChange.Changed;
    }

    /// <summary>Sets the form's password on its user; false (with the reasons on the form) when it is missing or Identity refuses.</summary>
    public async Task<bool> SetPasswordAsync(PasswordForm form, string actor, CancellationToken ct)
    {
        form.Error = string.IsNullOrEmpty(form.Password) ? loc[nameof(Loc.PasswordRequired)].Value : null;
        form.OtherErrors = [];
        if (form.Error is not null)
        {
            return false;
        }

        var errors = await users.SetPasswordAsync(form.User.Id, form.Password!, actor, ct);
        form.Error = Join(errors.Where(IsAboutPassword));
        form.OtherErrors = [.. errors.Where(e => !IsAboutPassword(e)).Select(e => e.Code == nameof(RoleChange.NotFound) ? loc[nameof(Loc.UserGone)].Value : e.Description)];
        return errors.Count == 0;
    }

    /// <summary>Creates a token named in the form; false when the name is missing or too long.</summary>
    public async Task<bool> CreateTokenAsync(string actor, CancellationToken ct)
    {
        TokenNameError = string.IsNullOrWhiteSpace(TokenName) ? loc[nameof(Loc.TokenNameRequired)].Value
            : TokenName.Trim().Length > AdminTokenService.MaxNameLength ? common[nameof(Common.TooLong), AdminTokenService.MaxNameLength].Value
            : null;
        if (TokenNameError is not null)
        {
            return false;
        }

        var expiresAt = TokenValidDays is { } days ? time.GetUtcNow().UtcDateTime.AddDays(days) : (DateTime?)null;
        CreatedToken = await tokens.CreateAsync(TokenName!, actor, expiresAt, ct);
        tokenName = null;
        TokenValidDays = null;
        Tokens = await tokens.ListAsync(ct);
        return true;
    }

    public void DismissCreatedToken() => CreatedToken = null;

    public async Task DeleteTokenAsync(AdminToken token, string actor, CancellationToken ct)
    {
        await tokens.DeleteAsync(token.Id, actor, ct);
        if (CreatedToken?.Token.Id == token.Id)
        {
            CreatedToken = null;
        }

        Tokens = await tokens.ListAsync(ct);
    }

    // Identity names its errors by what they are about (PasswordTooShort, DuplicateEmail, InvalidUserName…).
    private static bool IsAboutPassword(IdentityError e) => e.Code.StartsWith("Password", StringComparison.Ordinal);

    private static bool IsAboutEmail(IdentityError e) =>
        e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal);

    private static string? Join(IEnumerable<IdentityError> errors) =>
        errors.Select(e => e.Description).ToList() is { Count: > 0 } texts ? string.Join(" ", texts) : null;
}
