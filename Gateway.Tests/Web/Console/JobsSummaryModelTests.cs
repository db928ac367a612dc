using Gateway.Web.Console.Jobs;

namespace Gateway.Tests.Web.Console;

public sealed class JobsSummaryModelTests
{
    [Theory]
    [InlineData(null, "Not run yet", "尚未运行")]
    [InlineData("running", "Running", "运行中")]
    [InlineData("succeeded", "Succeeded", "成功")]
    [InlineData("failed", "Failed", "失败")]
    public void Outcome_IsNamedInEachConsoleLanguage(string? outcome, string english, string chinese)
    {
        var key = JobsSummaryModel.OutcomeKey(outcome);

        Assert.Equal(english, Gateway.Web.Resources.JobsPage.ResourceManager.GetString(key, CultureInfo.GetCultureInfo("en")));
        Assert.Equal(chinese, Gateway.Web.Resources.JobsPage.ResourceManager.GetString(key, CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void LastRunLink_LeadsToThatRunInTheHangfireDashboard_OnlyOnceTheJobHasRun()
    {
        var ran = new JobOverview(JobNames.UsageRetention, "d", "30 3 * * *", null, DateTime.UtcNow, "succeeded", null, "42");

        Assert.Equal("/hangfire/jobs/details/42", JobsSummaryModel.LastRunLink(ran));
        Assert.Null(JobsSummaryModel.LastRunLink(ran with { LastJobId = null }));
    }
}
