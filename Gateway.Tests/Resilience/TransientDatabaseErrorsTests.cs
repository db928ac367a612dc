using Microsoft.EntityFrameworkCore.Storage;

namespace Gateway.Tests.Resilience;

public sealed class TransientDatabaseErrorsTests
{
    [Theory]
    [InlineData(5, true)]
    [InlineData(6, true)]
    [InlineData(19, false)]
    [InlineData(1, false)]
    public void SqliteBusyOrLocked_IsTransientEvenInsideDbUpdateException(int sqliteError, bool transient)
    {
        var sqlite = new SqliteException("error", sqliteError);

        Assert.Equal(transient, TransientDatabaseErrors.IsTransient(sqlite));
        Assert.Equal(transient, TransientDatabaseErrors.IsTransient(new DbUpdateException("save failed", sqlite)));
    }

    [Fact]
    public void ErrorsEfsOwnStrategyAlreadyRetried_AreNotRetriedAgain() =>
        Assert.False(TransientDatabaseErrors.IsTransient(new RetryLimitExceededException("gave up", new SqliteException("database is locked", 5))));

    [Fact]
    public void OtherFailures_AreNotTransient() =>
        Assert.False(TransientDatabaseErrors.IsTransient(new InvalidOperationException("no such table")));
}
