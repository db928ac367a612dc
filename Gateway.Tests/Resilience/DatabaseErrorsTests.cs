using Microsoft.EntityFrameworkCore.Storage;

namespace Gateway.Tests.Resilience;

public sealed class DatabaseErrorsTests
{
    public static TheoryData<Exception, bool, bool> Failures => new()
    {
        { new SqliteException("database is locked", 5), true, true },
        { new DbUpdateException("save failed", new SqliteException("database is locked", 5)), true, true },
        { new RetryLimitExceededException("EF's execution strategy gave up", new InvalidOperationException("server gone")), true, true },
        { new SqliteException("constraint failed", 19), true, false },
        { new DbUpdateException("save failed", new SqliteException("constraint failed", 19)), true, false },
        { new InvalidOperationException("the connection is closed"), true, false },
        { new IOException("disk I/O error"), true, false },
        { new ArgumentNullException("rows"), false, false },
        { new NullReferenceException(), false, false },
    };

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, true)]
    [InlineData(19, false)]
    [InlineData(1, false)]
    public void SqliteBusyOrLocked_IsTransientEvenInsideDbUpdateException(int sqliteError, bool transient)
    {
        var sqlite = new SqliteException("error", sqliteError);

        Assert.Equal(transient, DatabaseErrors.IsTransient(sqlite));
        Assert.Equal(transient, DatabaseErrors.IsTransient(new DbUpdateException("save failed", sqlite)));
    }

    [Fact]
    public void ErrorsEfsOwnStrategyAlreadyRetried_AreNotRetriedAgain() =>
        Assert.False(DatabaseErrors.IsTransient(new RetryLimitExceededException("gave up", new SqliteException("database is locked", 5))));

    [Fact]
    public void OtherFailures_AreNotTransient() =>
        Assert.False(DatabaseErrors.IsTransient(new InvalidOperationException("no such table")));

    [Theory]
    [MemberData(nameof(Failures))]
    public void DatabaseFailures_AreLivedThroughByBackgroundWriters_AndOnlyAnUnreachableDatabaseFailsTheRestOfABatch(Exception error, bool failure, bool unavailable)
    {
        Assert.Equal(failure, DatabaseErrors.IsFailure(error));
        Assert.Equal(unavailable, DatabaseErrors.IsUnavailable(error));
    }
}
