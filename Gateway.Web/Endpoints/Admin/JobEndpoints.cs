using Gateway.Core.Accounts;
using Gateway.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Web.Endpoints.Admin;

/// <summary>Admin REST API for background jobs and on-demand capability probes (SPEC 6, 7.1).</summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/accounts/{id:long}/probe", ProbeAsync);
        var group = api.MapGroup("/jobs");
        group.MapGet("/", ListAsync);
        group.MapGet("/{name}", GetAsync);
        group.MapGet("/{name}/runs", RunsAsync);
        group.MapPost("/{name}/trigger", TriggerAsync);
        group.MapPost("/{name}/pause", PauseAsync);
        group.MapPost("/{name}/resume", ResumeAsync);
        return api;
    }

    private static async Task<Results<Accepted, NotFound>> ProbeAsync(long id, HttpContext context, AccountAdminService accounts, CapabilityProbeQueue probes)
    {
        if (await accounts.FindAsync(id, context.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

        await probes.QueueAsync(id, $"Requested by {AdminRequests.Actor(context)}", context.RequestAborted);
        return TypedResults.Accepted($"/api/admin/accounts/{id}");
    }

    private static async Task<Ok<IReadOnlyList<JobOverview>>> ListAsync(JobsDashboardService jobs, CancellationToken ct, int? runs = null) =>
        TypedResults.Ok(await jobs.ListAsync(runs ?? JobsDashboardService.DefaultRecentRuns, ct));

    private static async Task<Results<Ok<JobOverview>, NotFound>> GetAsync(string name, JobsDashboardService jobs, CancellationToken ct, int? runs = null) =>
        await jobs.GetAsync(name, runs ?? JobsDashboardService.DefaultRecentRuns, ct) is { } job ? TypedResults.Ok(job) : TypedResults.NotFound();

    private static async Task<Results<Ok<IReadOnlyList<JobRunView>>, NotFound>> RunsAsync(string name, JobsDashboardService jobs, CancellationToken ct, int skip = 0, int take = 50) =>
        await jobs.RunsAsync(name, skip, take, ct) is { } runs ? TypedResults.Ok(runs) : TypedResults.NotFound();

    private static async Task<Results<Accepted, NotFound>> TriggerAsync(string name, HttpContext context, JobsDashboardService jobs) =>
        await jobs.TriggerAsync(name, AdminRequests.Actor(context), context.RequestAborted) ? TypedResults.Accepted($"/api/admin/jobs/{name}") : TypedResults.NotFound();

    private static async Task<Results<Ok<JobOverview>, NotFound>> PauseAsync(string name, HttpContext context, JobsDashboardService jobs) =>
        await jobs.PauseAsync(name, AdminRequests.Actor(context), context.RequestAborted)
            ? TypedResults.Ok((await jobs.GetAsync(name, JobsDashboardService.DefaultRecentRuns, context.RequestAborted))!)
            : TypedResults.NotFound();

    private static async Task<Results<Ok<JobOverview>, NotFound>> ResumeAsync(string name, HttpContext context, JobsDashboardService jobs) =>
        await jobs.ResumeAsync(name, AdminRequests.Actor(context), context.RequestAborted)
            ? TypedResults.Ok((await jobs.GetAsync(name, JobsDashboardService.DefaultRecentRuns, context.RequestAborted))!)
            : TypedResults.NotFound();
}
