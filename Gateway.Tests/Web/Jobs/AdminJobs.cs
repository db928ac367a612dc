using System.Net;

namespace Gateway.Tests.Web.Jobs;

/// <summary>The admin jobs API as the tests drive it, and a wait for one Hangfire job to finish.</summary>
internal static class AdminJobs
{
    private static readonly string[] DoneStates = [SucceededState.StateName, FailedState.StateName, DeletedState.StateName];

    public static async Task<JsonObject> GetAsync(HttpClient admin, string job) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/admin/jobs/{job}"))!;

    /// <summary>Triggers the job and returns the id of the Hangfire job it queued.</summary>
    public static async Task<string> TriggerAsync(HttpClient admin, string job)
    {
        var response = await admin.PostAsync($"/api/admin/jobs/{job}/trigger", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["job_id"]!.GetValue<string>();
    }

    /// <summary>
    /// Triggers the job, waits for that run to finish, and returns the job as the API shows it then, with that run
    /// as its last. A scheduled run of the same job (the minutely cooldown expiry) that starts in between becomes
    /// the last run instead: then the job is triggered again, as the next scheduled run is a minute away.
    /// </summary>
    public static async Task<JsonObject> RunNowAsync(GatewayAppFactory app, string job)
    {
        const int attempts = 3;
        var admin = app.CreateAdminClient();
        for (var attempt = 1; ; attempt++)
        {
            var jobId = await TriggerAsync(admin, job);
            await FinishedAsync(app, jobId);
            var shown = await GetAsync(admin, job);
            if (shown["last_job_id"]?.GetValue<string>() == jobId || attempt == attempts)
            {
                return shown;
            }
        }
    }

    /// <summary>
    /// Waits until Hangfire is done with <paramref name="jobId"/>: succeeded, failed (possibly waiting for a retry)
    /// or dropped. Asked of the job itself: another run of the same job (a probe of another account, the next
    /// minute's cooldown expiry) may finish in between.
    /// </summary>
    public static Task FinishedAsync(GatewayAppFactory app, string jobId) =>
        Eventually.TrueAsync(
            () =>
            {
                using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
                var state = connection.GetStateData(jobId);
                return Task.FromResult(
                    state is not null
                    && (DoneStates.Contains(state.Name)
                        || (state.Name == ScheduledState.StateName && state.Reason?.StartsWith("Retry attempt", StringComparison.Ordinal) == true)));
            },
            $"Hangfire job {jobId}");
}
