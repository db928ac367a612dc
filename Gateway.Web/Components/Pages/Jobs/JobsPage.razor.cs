using Gateway.Web.Console.Jobs;

namespace Gateway.Web.Components.Pages.Jobs;

/// <summary>
/// The jobs summary: each background job's schedule, next and last run and outcome, trigger-now, and links
/// to the Hangfire dashboard; it refreshes by itself while open, so a run shows up as it ends.
/// </summary>
public partial class JobsPage
{
    private JobsSummaryModel model = null!;

    protected override Task OnInitializedAsync()
    {
        model = new JobsSummaryModel(JobsService);
        return base.OnInitializedAsync();
    }

    protected override Task LoadAsync(CancellationToken ct) => model.LoadAsync(ct);

    private async Task TriggerAsync(string name)
    {
        await model.TriggerAsync(name, Actor, PageLifetime);
        Snackbar.Add(string.Format(Loc[nameof(Resources.JobsPage.Triggered)], Terms.JobName(name)), Severity.Info);
    }

    private static Color OutcomeColor(string? outcome) => outcome switch
    {
        JobRunRecord.Succeeded => Color.Success,
        JobRunRecord.Running => Color.Info,
        null => Color.Default,
        _ => Color.Error,
    };
}
