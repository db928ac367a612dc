using System.Data.Common;
using Gateway.Core.Persistence;
using Gateway.Core.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Web.Metrics;

/// <summary>
/// The value of <c>gateway.accounts.cooling</c>: accounts whose cooldown has not ended, counted in the shared
/// database (cooldowns are shared state across instances) and cached briefly so frequent scrapes stay cheap.
/// </summary>
internal sealed partial class CoolingAccountsGauge(IDbContextFactory<GatewayDbContext> dbFactory, TimeProvider time, ILogger<CoolingAccountsGauge> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private int _value;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public int Read()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _readAt < CacheFor)
            {
                return _value;
            }

            try
            {
                using var db = dbFactory.CreateDbContext();
                var utcNow = now.UtcDateTime;
                _value = db.Accounts.Count(a => a.CooldownUntil != null && a.CooldownUntil > utcNow);
                _readAt = now;
            }
            catch (DbException ex)
            {
                // A scrape must not fail because the database blinked: report the last value.
                LogReadFailed(ex);
            }

            return _value;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count cooling accounts for " + GatewayMetrics.MeterName + " metrics")]
    private partial void LogReadFailed(Exception exception);
}
