namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for background jobs and on-demand capability probes (admins only).</summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/accounts/{id:long}/probe", ProbeAsync).WithTags("Accounts")
            .WithSummary("Queue a Responses capability probe of the account and audit it (202 with the Hangfire job id).");
        var group = api.MapGroup("/jobs").WithTags("Jobs");
        group.MapGet("/", ListAsync).WithSummary("List the background jobs with their schedules and last runs.");
        group.MapGet("/{name}", GetAsync).WithSummary("Read one background job.");
        group.MapPost("/{name}/trigger", TriggerAsync).WithSummary("Queue a run of the job now (202 with the Hangfire job id).");
        return api;
    }

    private static async Task<Results<Accepted<QueuedJob>, NotFound>> ProbeAsync(long id, HttpContext context, CapabilityProbeQueue probes) =>
        await probes.RequestAsync(id, AdminRequests.Actor(context), context.RequestAborted) is { } jobId
            ? TypedResults.Accepted($"/api/admin/accounts/{id}", new QueuedJob(JobNames.CapabilityProbe, jobId))
            : TypedResults.NotFound();

    private static async Task<Ok<IReadOnlyList<JobOverview>>> ListAsync(JobsOverviewService jobs, CancellationToken ct) =>
        TypedResults.Ok(await jobs.ListAsync(ct));

    private static async Task<Results<Ok<JobOverview>, NotFound>> GetAsync(string name, JobsOverviewService jobs, CancellationToken ct) =>
        await jobs.GetAsync(name, ct) is { } job ? TypedResults.Ok(job) : TypedResults.NotFound();

    private static async Task<Results<Accepted<QueuedJob>, NotFound>> TriggerAsync(string name, HttpContext context, JobsOverviewService jobs) =>
        await jobs.TriggerAsync(name, AdminRequests.Actor(context), context.RequestAborted) is { } jobId
            ? TypedResults.Accepted($"/api/admin/jobs/{name}", new QueuedJob(name, jobId))
            : TypedResults.NotFound();
}
