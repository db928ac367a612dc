namespace Gateway.Web.Console;

/// <summary>
/// Identity's messages for the errors the setup and users pages can meet (password rules, duplicate or
/// invalid email), in the console's language.
/// </summary>
internal sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<Resources.IdentityErrors> loc) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), string.Format(loc[nameof(Resources.IdentityErrors.PasswordTooShort)], length));

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), loc[nameof(Resources.IdentityErrors.PasswordRequiresDigit)]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), loc[nameof(Resources.IdentityErrors.PasswordRequiresLower)]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), loc[nameof(Resources.IdentityErrors.PasswordRequiresUpper)]);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), loc[nameof(Resources.IdentityErrors.PasswordRequiresNonAlphanumeric)]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), string.Format(loc[nameof(Resources.IdentityErrors.PasswordRequiresUniqueChars)], uniqueChars));

    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), string.Format(loc[nameof(Resources.IdentityErrors.DuplicateEmail)], email));

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), string.Format(loc[nameof(Resources.IdentityErrors.DuplicateUserName)], userName));

    public override IdentityError InvalidEmail(string? email) =>
        Error(nameof(InvalidEmail), string.Format(loc[nameof(Resources.IdentityErrors.InvalidEmail)], email));

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), string.Format(loc[nameof(Resources.IdentityErrors.InvalidUserName)], userName));

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
