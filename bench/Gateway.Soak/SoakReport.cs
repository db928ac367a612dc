namespace Gateway.Soak;

/// <summary>
/// Prints what the soak found and says whether it passed: no failure, no corrupted answer, one usage row per request
/// (499 for a client that left), a failed attempt in the traces for every fault injected (but those injected into
/// requests whose client left, which the gateway may have cancelled first), and no concurrency slot held afterwards.
/// </summary>
internal static class SoakReport
{
    private const int Listed = 20;

    public static bool Print(LoadResult load, UsageAudit usage, IReadOnlyList<FakeUpstream> upstreams)
    {
        var injected = upstreams.Sum(u => u.Injected.Values.Sum());
        Console.WriteLine($"Requests: {load.Sent} in {load.Elapsed.TotalSeconds:0.0} s ({load.Sent / load.Elapsed.TotalSeconds:0}/s): "
            + string.Join(", ", load.ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        PrintProblems("Client-visible failures", load.Failures);
        PrintProblems("Corrupted answers", load.Corrupted);
        Console.WriteLine($"Clients that left before their answer was whole: {load.Left.Count} (usage rows with 499: {usage.LeftWith499})");
        Console.WriteLine($"Usage rows: {usage.Rows} for {load.Sent} requests (missing {usage.Missing}, duplicated {usage.Duplicated})");
        PrintProblems("Usage rows whose status is neither 200 nor a left client's 499", usage.NotOk);
        Console.WriteLine($"Concurrency slots held once the gateway is idle: {usage.SlotsHeld}");
        Console.WriteLine($"Injected faults by kind ({injected} in all; answered correctly: "
            + string.Join(", ", upstreams.Select(u => $"{u.Name} {u.Answered}")) + "):");
        Console.WriteLine($"  {"kind",-30}" + string.Concat(upstreams.Select(u => $"{u.Name,11}")) + $"{"total",8}");
        foreach (var kind in FaultKinds.All)
        {
            Console.WriteLine($"  {kind.ToWire(),-30}" + string.Concat(upstreams.Select(u => $"{u.Injected.GetValueOrDefault(kind),11}"))
                + $"{upstreams.Sum(u => u.Injected.GetValueOrDefault(kind)),8}");
        }

        var intoLeaving = upstreams.Sum(u => u.InjectedIntoLeaving);
        Console.WriteLine($"Usage traces: {usage.FailedAttempts} failed attempts for {injected} injected faults ({intoLeaving} into requests whose client left); by class: "
            + string.Join(", ", usage.FailureClasses.Select(c => $"{c.Key} {c.Value}")));
        Console.WriteLine("Decisions: " + string.Join(", ", usage.Decisions.Select(d => $"{d.Key} {d.Value}")));

        var passed = load.Failures.IsEmpty && load.Corrupted.IsEmpty
            && usage.Missing == 0 && usage.Duplicated == 0 && usage.NotOk.Count == 0 && usage.SlotsHeld == 0
            && usage.FailedAttempts <= injected && usage.FailedAttempts >= injected - intoLeaving;
        Console.WriteLine(passed ? "Result: PASS" : "Result: FAIL");
        return passed;
    }

    private static void PrintProblems(string title, IReadOnlyCollection<(string RequestId, string Problem)> problems)
    {
        Console.WriteLine($"{title}: {problems.Count}");
        foreach (var (requestId, problem) in problems.OrderBy(p => p.RequestId).Take(Listed))
        {
            Console.WriteLine($"  {requestId}: {problem}");
        }

        if (problems.Count > Listed)
        {
            Console.WriteLine($"  … and {problems.Count - Listed} more");
        }
    }
}
