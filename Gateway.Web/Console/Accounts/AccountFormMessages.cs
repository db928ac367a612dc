using CommonText = Gateway.Web.Resources.Common;
using DialogText = Gateway.Web.Resources.AccountDialog;
using PoolText = Gateway.Web.Resources.PoolModeSection;

namespace Gateway.Web.Console.Accounts;

/// <summary>The account form's problems as field messages in the console's language, each naming its reason.</summary>
internal sealed class AccountFormMessages(IStringLocalizer<DialogText> dialog, IStringLocalizer<PoolText> pool, IStringLocalizer<CommonText> common)
{
    public string Describe(AccountInputError error) => (error.Field, error.Rule) switch
    {
        ("name", AccountInputRule.Required) => dialog[nameof(DialogText.NameRequired)],
        ("base_url", AccountInputRule.Required) => dialog[nameof(DialogText.BaseUrlRequired)],
        ("base_url", AccountInputRule.InvalidUrl) => dialog[nameof(DialogText.BaseUrlInvalid)],
        ("base_url", AccountInputRule.BaseUrlNotRoot) => dialog[nameof(DialogText.BaseUrlNotRoot)],
        ("api_key", AccountInputRule.Required) => dialog[nameof(DialogText.ApiKeyRequired)],
        ("access_token", AccountInputRule.Required) => dialog[nameof(DialogText.AccessTokenRequired)],
        ("token_url", AccountInputRule.InvalidUrl) => dialog[nameof(DialogText.TokenUrlInvalid)],
        ("type", AccountInputRule.PlatformApiKeyOnly) => dialog[nameof(DialogText.PlatformApiKeyOnly)],
        (_, AccountInputRule.TooLong) => common[nameof(CommonText.TooLong), error.Values],
        (_, AccountInputRule.OutOfRange) => dialog[nameof(DialogText.OutOfRange), error.Values],
        (_, AccountInputRule.SecretRequiredAgain) => dialog[nameof(DialogText.SecretRequiredAgain)],
        _ => error.Message,
    };

    public string Describe(RetryCodeProblem problem) => problem.Problem == PoolModeRetryStatusCodes.EntryProblem.NotANumber
        ? pool[nameof(PoolText.NotANumber), problem.Entry]
        : pool[nameof(PoolText.OutOfRange), problem.Entry];

    public string Describe(MappingProblem problem) => problem switch
    {
        MappingProblem.Incomplete => dialog[nameof(DialogText.MappingIncomplete)],
        MappingProblem.Wildcard => dialog[nameof(DialogText.MappingWildcard)],
        MappingProblem.TooLong => common[nameof(CommonText.TooLong), GatewayOptions.ModelColumnLength],
        _ => dialog[nameof(DialogText.MappingDuplicate)],
    };

    /// <summary>The first problem of a field (by the admin API's name) as its message, or null when the field is fine.</summary>
    public string? FieldMessage(AccountEditorModel model, string field) =>
        model.ProblemsOf(field) is [var first, ..] ? Describe(first) : null;
}
