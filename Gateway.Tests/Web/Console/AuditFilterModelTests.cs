namespace Gateway.Tests.Web.Console;

public sealed class AuditFilterModelTests
{
    [Fact]
    public void ToFilter_ReadsTheTypedTimesAsUtc_AndTrimsTheActor()
    {
        var form = new AuditFilterModel
        {
            From = new DateTime(2026, 11, 20, 10, 30, 0, DateTimeKind.Unspecified),
            To = new DateTime(2026, 11, 20, 11, 0, 0, DateTimeKind.Unspecified),
            Action = AuditActions.KeyDisabled,
            Actor = "  alice@example.test ",
            AccountId = 7,
        };

        var filter = form.ToFilter();

        Assert.Equal(new AuditFilter
        {
            From = new DateTime(2026, 11, 20, 10, 30, 0, DateTimeKind.Utc),
            To = new DateTime(2026, 11, 20, 11, 0, 0, DateTimeKind.Utc),
            Action = AuditActions.KeyDisabled,
            Actor = "alice@example.test",
            AccountId = 7,
        }, filter);
        Assert.Equal(DateTimeKind.Utc, filter.From!.Value.Kind);
    }

    [Fact]
    public void ToFilter_OfAnEmptyForm_SelectsEveryEntry()
    {
        Assert.Equal(new AuditFilter(), new AuditFilterModel { Actor = "   " }.ToFilter());
    }
}
