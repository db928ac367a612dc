using System.Diagnostics.CodeAnalysis;

namespace Gateway.Core.Caching;

/// <summary>
/// A bounded in-memory table whose entries expire. At its size limit the expired entries, then the tenth that would
/// expire soonest, make room; one thread trims at a time while the others go on adding, and removing a tenth at once
/// keeps trimming rare.
/// </summary>
public sealed class ExpiringTable<TKey, TValue>(TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly Lock _trimming = new();

    public int Count => _entries.Count;

    /// <summary>The value kept under <paramref name="key"/>, unless it has expired.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Until > time.GetUtcNow().UtcDateTime)
        {
            value = entry.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/> for <paramref name="lifetime"/>, in a table of at most <paramref name="maxEntries"/>.</summary>
    public void Set(TKey key, TValue value, TimeSpan lifetime, int maxEntries)
    {
        var now = time.GetUtcNow().UtcDateTime;
        _entries[key] = new Entry(value, now + lifetime);
        maxEntries = Math.Max(1, maxEntries);
        if (_entries.Count > maxEntries)
        {
            Trim(now, maxEntries);
        }
    }

    private void Trim(DateTime now, int maxEntries)
    {
        if (!_trimming.TryEnter())
        {
            return;
        }

        try
        {
            foreach (var (key, entry) in _entries)
            {
                if (entry.Until <= now)
                {
                    _entries.TryRemove(key, out _);
                }
            }

            var excess = _entries.Count - maxEntries;
            if (excess > 0)
            {
                foreach (var (key, _) in _entries.OrderBy(e => e.Value.Until).Take(excess + (maxEntries / 10)).ToList())
                {
                    _entries.TryRemove(key, out _);
                }
            }
        }
        finally
        {
            _trimming.Exit();
        }
    }

    private readonly record struct Entry(TValue Value, DateTime Until);
}
