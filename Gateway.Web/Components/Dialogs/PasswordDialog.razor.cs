namespace Gateway.Web.Components.Dialogs;

/// <summary>Sets a console user's password; a refused one stays typed in the field, with Identity's reasons under it.</summary>
public partial class PasswordDialog
{
    [Inject]
    private UsersViewModel Users { get; set; } = default!;

    private Task SaveAsync() => SaveAndCloseAsync(async () => await Users.SetPasswordAsync(Model, Actor, PageLifetime) ? Model : null);
}
