namespace Gateway.Web.Console;

/// <summary>How the console shows times: always UTC and labelled so, since the server's zone is not the admin's.</summary>
public static class ConsoleFormat
{
    /// <summary>Shown for a time that is not set.</summary>
    public const string None = "—";

    public static string Utc(DateTime? utc) =>
        utc is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : None;

    /// <summary>A time typed into a filter's time field, which answers it unspecified: the pages label their ranges as UTC.</summary>
    public static DateTime? TypedUtc(DateTime? typed) => typed is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null;
}
