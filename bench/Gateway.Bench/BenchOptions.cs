namespace Gateway.Bench;

/// <summary>The benchmark's command line.</summary>
internal sealed record BenchOptions
{
    // A converted stream's CPU is held against a same-protocol one's: the two run one after the other, so the ratio's two
    // figures are measured as close together as the targets allow.
    public static readonly string[] AllScenarios = [Scenario.NonStream64, Scenario.NonStream1, Scenario.Sse32, Scenario.Converted32, Scenario.Paced32];
    public static readonly string[] AllTargets = [Target.Direct, Target.Nginx, Target.Bare, Target.Gateway, Target.Baseline];

    public required string GatewayDll { get; init; }

    /// <summary>Another build of the gateway (e.g. before a change), measured in the same run as target <c>baseline</c>.</summary>
    public string? BaselineDll { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest the .NET targets are warmed up before the rounds, waiting for their background JIT to finish; zero skips it.</summary>
    public TimeSpan MaxWarmup { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// The shortest warm-up: tiering comes in waves (tier 0, instrumented, optimized), and the quiet between two of them
    /// had ended warm-ups after 11 s with the JIT still at work in the rounds.
    /// </summary>
    public TimeSpan MinWarmup { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Every measurement is repeated this many times; the report shows the median of each figure.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>A <c>taskset</c> CPU list for the fake upstream, nginx and the gateway; null leaves them unpinned.</summary>
    public string? ProxyCpus { get; init; }

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    public IReadOnlyList<string> Targets { get; init; } = [Target.Direct, Target.Nginx, Target.Bare, Target.Gateway];

    public static BenchOptions Parse(string[] args)
    {
        string? Arg(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        TimeSpan Seconds(string name, double fallback) =>
            TimeSpan.FromSeconds(double.Parse(Arg(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

        IReadOnlyList<string> List(string name, string[] all, string[] byDefault)
        {
            var chosen = Arg(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? byDefault;
            return chosen.Except(all).FirstOrDefault() is { } unknown
                ? throw new ArgumentException($"{name}: unknown '{unknown}' (known: {string.Join(", ", all)})")
                : [.. all.Where(chosen.Contains)];
        }

        // --pin: the load generator on CPU 0 (bench/run.sh starts it there), upstream and proxies together on CPU 1.
        var baseline = Arg("--baseline") is { } baselineDll ? Path.GetFullPath(baselineDll) : null;
        var targets = List("--targets", AllTargets, baseline is null ? [Target.Direct, Target.Nginx, Target.Bare, Target.Gateway] : AllTargets);
        return new BenchOptions
        {
            GatewayDll = Path.GetFullPath(Arg("--gateway") ?? throw new ArgumentException("--gateway <path to Gateway.Web.dll> is required")),
            Duration = Seconds("--seconds", 5),
            Warmup = Seconds("--warmup", 2),
            MaxWarmup = Seconds("--max-warmup", 300),
            MinWarmup = Seconds("--min-warmup", 60),
            Rounds = Math.Max(1, int.Parse(Arg("--rounds") ?? "1", CultureInfo.InvariantCulture)),
            ProxyCpus = Arg("--proxy-cpus") ?? (args.Contains("--pin") ? "1" : null),
            BaselineDll = baseline,
            Scenarios = List("--scenarios", AllScenarios, AllScenarios),
            Targets = baseline is null && targets.Contains(Target.Baseline)
                ? throw new ArgumentException("--targets baseline needs --baseline <path to another Gateway.Web.dll>")
                : targets,
        };
    }
}

/// <summary>The loads the benchmark sends.</summary>
internal static class Scenario
{
    public const string NonStream64 = "nonstream64";
    public const string NonStream1 = "nonstream1";
    public const string Sse32 = "sse32";

    /// <summary>
    /// 32 streams whose events come <see cref="FakeUpstream.PaceInterval"/> apart, as a model's tokens do: the shared core is
    /// not saturated, so the first byte's time is the proxy's own, and the reads per stream show whether it holds events back.
    /// </summary>
    public const string Paced32 = "paced32";
    public const string Converted32 = "converted32";

    public static bool IsStream(string scenario) => scenario is Sse32 or Paced32 or Converted32;
}

/// <summary>Where a load is sent.</summary>
internal static class Target
{
    public const string Direct = "direct";
    public const string Nginx = "nginx";

    /// <summary>Kestrel and one SocketsHttpHandler relaying bytes and nothing else: the floor for a gateway on this stack.</summary>
    public const string Bare = "bare";
    public const string Gateway = "gateway";
    public const string Baseline = "baseline";

    public static bool IsGateway(string target) => target is Gateway or Baseline;
}
