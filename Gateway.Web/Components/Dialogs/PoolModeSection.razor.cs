namespace Gateway.Web.Components.Dialogs;

/// <summary>The account dialog's pool-mode section: the switch, the retry count and the Retry Status Codes validated as typed.</summary>
public partial class PoolModeSection
{
    /// <summary>The pause in typing, in milliseconds, after which the Retry Status Codes are checked.</summary>
    public const int RetryCodesCheckAfterMs = 150;

    private IReadOnlyList<RetryCodeProblem> Problems => Model.RetryCodeProblems;

    // Empty: the default list; valid: what will be saved (deduplicated, sorted), so the admin sees the normalisation.
    private string Help => Model.NormalizedRetryStatusCodes is { Count: > 0 } codes
        ? Loc[nameof(Resources.PoolModeSection.WillSave), PoolModeRetryStatusCodes.Format(codes)]
        : Loc[nameof(Resources.PoolModeSection.RetryStatusCodesHelp), AccountEditorModel.DefaultRetryStatusCodes];
}
