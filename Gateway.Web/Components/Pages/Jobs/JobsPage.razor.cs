using Gateway.Web.Jobs;
using Radzen;

namespace Gateway.Web.Components.Pages.Jobs;

/// <summary>The jobs dashboard: each background job with its triggers and runs; run now, pause, resume.</summary>
public partial class JobsPage
{
    private IReadOnlyList<JobOverview> jobs = [];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => jobs = await JobsService.ListAsync(JobsDashboardService.DefaultRecentRuns, CancellationToken.None);

    private async Task TriggerAsync(string name)
    {
        await JobsService.TriggerAsync(name, Actor, CancellationToken.None);
        Notifications.Notify(new NotificationMessage { Severity = NotificationSeverity.Info, Summary = string.Format(Loc[nameof(Resources.JobsPage.Triggered)], name), Duration = 3000 });
        await LoadAsync();
    }

    private async Task PauseAsync(string name)
    {
        await JobsService.PauseAsync(name, Actor, CancellationToken.None);
        await LoadAsync();
    }

    private async Task ResumeAsync(string name)
    {
        await JobsService.ResumeAsync(name, Actor, CancellationToken.None);
        await LoadAsync();
    }

    private string Outcome(string? outcome) => outcome switch
    {
        null => Common[nameof(Resources.Common.Never)],
        "succeeded" => Loc[nameof(Resources.JobsPage.Succeeded)],
        "failed" => Loc[nameof(Resources.JobsPage.Failed)],
        _ => outcome,
    };
}
