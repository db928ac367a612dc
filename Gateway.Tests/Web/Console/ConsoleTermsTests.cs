using Gateway.Tests.Policies;

namespace Gateway.Tests.Web.Console;

public sealed class ConsoleTermsTests : IDisposable
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    public void Dispose() => CultureInfo.CurrentUICulture = _previous;

    [Theory]
    [InlineData("en", "403 temporary cooldown (2/3)", "403 temporary cooldown (2/3)")]
    [InlineData("zh-CN", "403 temporary cooldown (2/3)", "403 临时冷却（第 2/3 次）")]
    [InlineData("zh-CN", "403 forbidden 3 times within 180 minutes", "180 分钟内 3 次 403 禁止访问")]
    [InlineData("zh-CN", "Every upstream account failed; last error: 529 overloaded", "所有上游账号均失败；最后的错误：529 过载")]
    [InlineData("zh-CN", "Every upstream account failed; last error: HTTP 500: boom", "所有上游账号均失败；最后的错误：HTTP 500: boom")]
    [InlineData("zh-CN", "model_not_supported", "模型不受支持")]
    [InlineData("en", "model_not_supported", "Model not supported")]
    [InlineData("zh-CN", "an upstream's own words", "an upstream's own words")]
    [InlineData("zh-CN", "transient upstream failure (network_error)", "上游临时故障（网络错误）")]
    [InlineData("zh-CN", "200 The upstream stream ended before the answer was complete.", "200 上游流在应答完成前结束。")]
    [InlineData("zh-CN", "500 Internal Server Error", "500 Internal Server Error")]
    [InlineData("zh-CN", "quota exhausted", "配额已用尽")]
    [InlineData("zh-CN", "Every upstream account failed; last error: The upstream could not be reached.", "所有上游账号均失败；最后的错误：无法连接上游。")]
    [InlineData("en", "transient upstream failure (network_error)", "transient upstream failure (Network error)")]
    [InlineData("zh-CN", "Network error: Connection refused (127.0.0.1:9)", "网络错误：Connection refused (127.0.0.1:9)")]
    [InlineData("zh-CN", "No answer within 15 s.", "15 秒内无应答。")]
    [InlineData("zh-CN", "No answer within 2.5 s.", "2.5 秒内无应答。")]
    [InlineData("zh-CN", "429 rate limited until 2026-11-20T11:00:00.0000000Z", "429 限流，持续至 2026-11-20 11:00:00 UTC")]
    [InlineData("en", "429 rate limited until 2026-11-20T11:00:00.0000000Z", "429 rate limited until 2026-11-20 11:00:00 UTC")]
    [InlineData("zh-CN", "Cooldown (403 temporary cooldown (1/3)) ended at 2026-11-20T11:00:00.0000000Z.", "冷却（403 临时冷却（第 1/3 次））已于 2026-11-20 11:00:00 UTC 结束。")]
    [InlineData("zh-CN", "Model gpt-4o (model_not_supported) schedulable again.", "模型 gpt-4o（模型不受支持）恢复可调度。")]
    [InlineData("zh-CN", "Cached responses protocol for model gpt-4o expired.", "模型 gpt-4o 缓存的 responses 协议已过期。")]
    [InlineData("zh-CN", "Rate limited until tomorrow", "Rate limited until tomorrow")]
    public void GatewayTexts_AreTranslated_AndUpstreamTextsKept(string culture, string text, string expected)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(expected, ConsoleLocalization.Terms().GatewayMessage(text));
    }

    [Theory]
    [InlineData("en", 0.5, "500 ms")]
    [InlineData("en", 5, "5 s")]
    [InlineData("en", 252, "4 min 12 s")]
    [InlineData("en", 5400, "1 h 30 min")]
    [InlineData("en", 43200, "12 h")]
    [InlineData("en", 86460, "1 d")]
    [InlineData("zh-CN", 252, "4 分钟 12 秒")]
    [InlineData("zh-CN", 600, "10 分钟")]
    public void Durations_AreWords_WithTheirTwoLargestUnits(string culture, double seconds, string expected)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(expected, ConsoleLocalization.Terms().Duration(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void StatesDecisionsFailureClassesAndJobs_AreChinese_AndUnknownWordsShowAsTheyCame()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var terms = ConsoleLocalization.Terms();

        Assert.Equal("冷却中", terms.AccountState(AccountState.CoolingDown));
        Assert.Equal("切换账号", terms.Decision("account_switch"));
        Assert.Equal("过载（529）", terms.FailureClass("overloaded"));
        Assert.Equal("能力探测", terms.JobName("capability-probe"));
        Assert.Equal("开始冷却", terms.AuditAction("cooldown_started"));
        Assert.Equal("brand_new_class", terms.FailureClass("brand_new_class"));
    }

    [Theory]
    [MemberData(nameof(AccountReasonTests.EveryCode), MemberType = typeof(AccountReasonTests))]
    public void EveryAccountReason_IsNamedInChinese_FromItsStructure(AccountReason reason, string text)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var terms = ConsoleLocalization.Terms();

        var chinese = terms.AccountReason(text);

        Assert.Equal(chinese, terms.GatewayMessage(text));
        Assert.DoesNotMatch("[A-Za-z]{4,}", chinese);
        if (reason.Count > 0)
        {
            Assert.Contains(reason.Count.ToString(CultureInfo.InvariantCulture), chinese);
            Assert.Contains(reason.Limit.ToString(CultureInfo.InvariantCulture), chinese);
        }
    }

    [Theory]
    [InlineData("en", "429 rate limited", "429 rate limited")]
    [InlineData("zh-CN", "429 rate limited", "429 限流")]
    [InlineData("zh-CN", "403 temporary cooldown (1/3)", "403 临时冷却（第 1/3 次）")]
    [InlineData("zh-CN", "transient upstream failure (timeout)", "上游临时故障（超时）")]
    [InlineData("zh-CN", "an operator's note", "an operator's note")]
    [InlineData("zh-CN", null, "—")]
    public void AccountReasons_AreTranslated_AndOtherLinesKept(string culture, string? stored, string expected)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(expected, ConsoleLocalization.Terms().AccountReason(stored));
    }

    [Fact]
    public void EveryWireWordOfTheEngine_HasAChineseName()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var terms = ConsoleLocalization.Terms();
        var jobs = typeof(JobNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

        var untranslated = AuditActions.All.Where(a => terms.AuditAction(a) == a)
            .Concat(jobs.Where(j => terms.JobName(j) == j))
            .Concat(Enum.GetValues<FailureClass>().Select(f => f.ToWire()).Where(w => terms.FailureClass(w) == w))
            .Concat(Enum.GetValues<AttemptDecision>().Select(d => d.ToWire()).Where(w => terms.Decision(w) == w))
            .ToList();

        Assert.Empty(untranslated);
        Assert.Equal("手动运行任务", terms.AuditAction(AuditActions.JobTriggered));
    }
}
