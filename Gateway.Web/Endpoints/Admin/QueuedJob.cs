namespace Gateway.Web.Endpoints.Admin;

/// <summary>The answer to a call that queued a background job: which job, and its Hangfire job id (to follow it in the dashboard).</summary>
internal sealed record QueuedJob(string Name, string JobId);
