using Gateway.Web.Console.Jobs;
using Radzen;

namespace Gateway.Web.Components.Pages.Jobs;

/// <summary>The jobs summary: each background job's schedule, next and last run and outcome, trigger-now, and links to the Hangfire dashboard.</summary>
public partial class JobsPage
{
    private JobsSummaryModel model = null!;

    protected override Task OnInitializedAsync()
    {
        model = new JobsSummaryModel(JobsService);
        return LoadAsync();
    }

    private Task LoadAsync() => model.LoadAsync(CancellationToken.None);

    private async Task TriggerAsync(string name)
    {
        await model.TriggerAsync(name, Actor, CancellationToken.None);
        Notifications.Notify(new NotificationMessage { Severity = NotificationSeverity.Info, Summary = string.Format(Loc[nameof(Resources.JobsPage.Triggered)], name), Duration = 3000 });
    }
}
