using System.Linq.Expressions;

namespace Gateway.Core.Persistence;

/// <summary>
/// How a listing's query takes its optional filters (see <see cref="ListingFilter"/>): each one given narrows the rows,
/// each one left out keeps them all.
/// </summary>
internal static class ListingQueries
{
    /// <summary>The rows <paramref name="condition"/> keeps for <paramref name="value"/>; all of them when no value is given.</summary>
    public static IQueryable<T> WhereGiven<T, TValue>(this IQueryable<T> query, TValue? value, Func<TValue, Expression<Func<T, bool>>> condition)
        where TValue : struct =>
        value is { } given ? query.Where(condition(given)) : query;

    /// <summary>The rows <paramref name="narrow"/> keeps for <paramref name="value"/>; all of them when no value is given.</summary>
    public static IQueryable<T> WhereGiven<T, TValue>(this IQueryable<T> query, TValue? value, Func<IQueryable<T>, TValue, IQueryable<T>> narrow)
        where TValue : struct =>
        value is { } given ? narrow(query, given) : query;

    /// <summary>The rows <paramref name="condition"/> keeps for <paramref name="text"/>, trimmed; all of them when it is blank.</summary>
    public static IQueryable<T> WhereGiven<T>(this IQueryable<T> query, string? text, Func<string, Expression<Func<T, bool>>> condition) =>
        string.IsNullOrWhiteSpace(text) ? query : query.Where(condition(text.Trim()));
}
