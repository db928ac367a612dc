namespace Gateway.Tests.Accounts;

public class PoolModeRetryStatusCodesTests
{
    [Theory]
    [InlineData("429, 503, 429", new[] { 429, 503 })]
    [InlineData("503,401,429", new[] { 401, 429, 503 })]
    [InlineData(" 502 , 520 ", new[] { 502, 520 })]
    [InlineData("", new int[0])]
    [InlineData("100,599", new[] { 100, 599 })]
    public void CommaSeparatedInput_IsDeduplicatedAndSorted(string input, int[] expected)
    {
        var result = PoolModeRetryStatusCodes.ParseCommaSeparated(input);

        Assert.True(result.IsValid);
        Assert.Equal(expected, result.Codes);
    }

    [Theory]
    [InlineData("429, 99", "99 is outside 100..599")]
    [InlineData("600", "600 is outside 100..599")]
    [InlineData("429, abc", "'abc' is not a number")]
    [InlineData("4.5", "'4.5' is not a number")]
    public void BadEntries_AreRejectedWithAMessageNamingThem(string input, string expectedError)
    {
        var result = PoolModeRetryStatusCodes.ParseCommaSeparated(input);

        Assert.False(result.IsValid);
        Assert.Contains(expectedError, result.Errors);
    }

    [Fact]
    public void JsonArray_AcceptsIntegersAndNumericStrings()
    {
        using var doc = JsonDocument.Parse("""[503, "429", "503", 401]""");

        var result = PoolModeRetryStatusCodes.ParseJson(doc.RootElement);

        Assert.True(result.IsValid);
        Assert.Equal([401, 429, 503], result.Codes);
    }

    [Fact]
    public void JsonArray_RejectsNonNumericElements()
    {
        using var doc = JsonDocument.Parse("""[true, {"a":1}, 429]""");

        var result = PoolModeRetryStatusCodes.ParseJson(doc.RootElement);

        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void StoredValues_AreNormalisedOnRead() =>
        Assert.Equal([429, 503], PoolModeRetryStatusCodes.Normalize([503, 42, 429, 700, 503]));

    public static TheoryData<int[]?, int, bool> RetryableCases => new()
    {
        // unset: the default 401/403/429
        { null, 401, true },
        { null, 403, true },
        { null, 429, true },
        { null, 500, false },
        { null, 503, false },
        // explicit list replaces the default
        { new[] { 502, 503 }, 503, true },
        { new[] { 502, 503 }, 429, false },
        { new[] { 502, 503 }, 401, false },
        // explicit empty list: no same-account retry by status
        { Array.Empty<int>(), 401, false },
        { Array.Empty<int>(), 429, false },
        // out-of-range entries never count, even if stored
        { new[] { 42, 429 }, 42, false },
    };

    [Theory]
    [MemberData(nameof(RetryableCases))]
    public void IsPoolModeRetryableStatus_FollowsTheAccountsConfiguredCodes(int[]? configured, int status, bool expected)
    {
        var account = new Account { Name = "a", BaseUrl = "https://example.test", PoolModeRetryStatusCodes = configured };

        Assert.Equal(expected, account.IsPoolModeRetryableStatus(status));
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    [InlineData(10, 10)]
    [InlineData(11, 10)]
    public void PoolModeRetryCount_IsClampedToZeroToTen(int value, int expected) =>
        Assert.Equal(expected, new Account { Name = "a", BaseUrl = "https://example.test", PoolModeRetryCount = value }.PoolModeRetryCount);

    [Fact]
    public void PoolModeRetryCount_DefaultsToThree() =>
        Assert.Equal(3, new Account { Name = "a", BaseUrl = "https://example.test" }.PoolModeRetryCount);

    [Fact]
    public void DefaultOnlyHelper_MatchesTheDefaultList()
    {
        foreach (var status in Enumerable.Range(100, 500))
        {
            Assert.Equal(PoolModeRetryStatusCodes.Default.Contains(status), PoolModeRetryStatusCodes.IsDefaultRetryableStatus(status));
        }
    }
}
