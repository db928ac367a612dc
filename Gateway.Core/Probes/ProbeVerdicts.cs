namespace Gateway.Core.Probes;

/// <summary>How a probe's HTTP answer maps to Responses support (SPEC 5.1).</summary>
public static class ProbeVerdicts
{
    /// <summary>404 and 405 say the route does not exist; any other answer (even 400 or 401) means it does.</summary>
    public static bool ResponsesSupported(int status) => status is not (404 or 405);
}
