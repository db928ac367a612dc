namespace Gateway.Tests.Web.OpenAi;

public class RequestIdsTests
{
    [Theory]
    [InlineData("2026-12-02T05:53:25.123Z")]
    [InlineData("1970-01-01T00:00:00.001Z")]
    [InlineData("2100-06-30T23:59:59.999Z")]
    public void AnId_IsAVersion7Uuid_CarryingItsMillisecond(string at)
    {
        var now = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);

        var id = RequestIds.New(now);

        Assert.StartsWith("req_", id);
        var uuid = Guid.ParseExact(id["req_".Length..], "N");
        Assert.Equal((7, 0b10), (uuid.Version, uuid.Variant >> 2));
        var bytes = uuid.ToByteArray(bigEndian: true);
        Assert.Equal(now.ToUnixTimeMilliseconds(), bytes[..6].Aggregate(0L, (ms, b) => (ms << 8) | b));
    }

    [Fact]
    public void Ids_AreUnique_AndALaterMillisecondSortsAfter()
    {
        var now = DateTimeOffset.Parse("2026-12-02T05:53:25.123Z", CultureInfo.InvariantCulture);

        var sameMillisecond = Enumerable.Range(0, 1000).Select(_ => RequestIds.New(now)).ToList();
        var later = RequestIds.New(now.AddMilliseconds(1));

        Assert.Equal(1000, sameMillisecond.Distinct().Count());
        Assert.All(sameMillisecond, id => Assert.True(string.CompareOrdinal(id, later) < 0));
    }
}
