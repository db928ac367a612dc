using Cronos;

namespace Gateway.Web.Jobs;

/// <summary>
/// Start-up check of the recurring jobs' schedules in <see cref="GatewayOptions"/>: each must be a five-field cron
/// expression. Its complaints join those of <see cref="GatewayOptionsValidator"/> in the one start-up error.
/// </summary>
internal sealed class JobScheduleValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        foreach (var job in JobCatalog.All)
        {
            if (job.Cron(options) is { } cron && !CronExpression.TryParse(cron, CronFormat.Standard, out _))
            {
                failures.Add($"The schedule of job {job.Name} ('{cron}') is not a five-field cron expression.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
