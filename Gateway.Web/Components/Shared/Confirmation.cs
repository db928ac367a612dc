namespace Gateway.Web.Components.Shared;

/// <summary>The console's confirmation box: a question, a button named for the action, and Cancel.</summary>
internal static class Confirmation
{
    /// <summary>True only when the admin pressed <paramref name="yes"/>; Cancel or closing the box is no.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string yes, IStringLocalizer<Resources.Common> common) =>
        await dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: common[nameof(Resources.Common.Cancel)]) == true;
}
