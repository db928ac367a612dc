namespace Gateway.Clients;

/// <summary>
/// One real client, Claude Code or Codex CLI, asked to write a file and its copy through a group of two accounts. On one
/// kind of account (<see cref="ThenKind"/> null), the first fails every request, a stream inside it, and the second
/// plays the model. Across two kinds, the first (of <see cref="AccountKind"/>) plays the model until it has made its
/// calls, then fails, so the next turn, with the first's reasoning in its history, goes to the second (of <see cref="ThenKind"/>),
/// which refuses any reasoning but its own, as providers do. The check passes when both files hold the exact text and
/// every usage row of its key was delivered after the first account's failures switched away from it.
/// </summary>
internal sealed record ClientCheck(string Client, string AccountKind, string? ThenKind = null)
{
    private static readonly string[] Kinds = ["anthropic", "responses", "chat"];

    /// <summary>Every client on every kind of account (same protocol and converted both ways), then from every kind to every other.</summary>
    public static readonly ClientCheck[] All =
    [
        .. from client in new[] { "claude", "codex" } from kind in Kinds select new ClientCheck(client, kind),
        .. from client in new[] { "claude", "codex" } from kind in Kinds from then in Kinds where then != kind select new ClientCheck(client, kind, then),
    ];

    public string Name => ThenKind is null ? $"{Client} on {AccountKind}" : $"{Client} on {AccountKind} then {ThenKind}";

    /// <summary>The account body of the admin API for <paramref name="model"/> of <paramref name="kind"/> in <paramref name="groupId"/>.</summary>
    public object Account(ScriptedModel model, string kind, long groupId, int priority) => new
    {
        name = $"{Name} {model.Name}",
        platform = kind == "anthropic" ? "anthropic" : kind == "responses" ? "openai" : "openai-compatible",
        type = "apikey",
        base_url = model.BaseUrl,
        api_key = "sk-scripted",
        priority,
        endpoint_mode = kind == "anthropic" ? "both" : kind,
        group_ids = new[] { groupId },

        // Every model the client asks for goes to the provider's own, as operators map them; the provider answers with its name.
        model_mapping = new Dictionary<string, string> { ["*"] = $"{kind}-upstream-model" },
    };

    /// <summary>Where npm put <paramref name="client"/>'s command under <paramref name="clients"/>.</summary>
    public static string Executable(string clients, string client) => Path.Combine(clients, "node_modules", ".bin", client);

    /// <summary>The client's process: its command line, in <paramref name="workDirectory"/>, its own settings under <paramref name="home"/>.</summary>
    public ProcessStartInfo Start(string clients, Uri gateway, string key, string workDirectory, string home, string task)
    {
        var start = new ProcessStartInfo(Executable(clients, Client))
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = home;
        if (Client == "claude")
        {
            // Claude Code in print mode, allowed to write files; nothing but the gateway is called.
            start.Environment["ANTHROPIC_BASE_URL"] = gateway.ToString().TrimEnd('/');
            start.Environment["ANTHROPIC_API_KEY"] = key;
            start.Environment["CLAUDE_CONFIG_DIR"] = Path.Combine(home, ".claude");
            start.Environment["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
            start.Environment["DISABLE_AUTOUPDATER"] = "1";
            foreach (var argument in new[] { "-p", task, "--model", "sonnet", "--allowedTools", "Write", "--permission-mode", "acceptEdits", "--output-format", "text" })
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            // Codex CLI's exec mode with the gateway as its Responses provider, sandbox and approvals off (the fake model
            // only ever writes two files in a fresh folder).
            start.Environment["CODEX_HOME"] = Path.Combine(home, ".codex");
            start.Environment["GATEWAY_KEY"] = key;
            Directory.CreateDirectory(start.Environment["CODEX_HOME"]!);
            File.WriteAllText(Path.Combine(start.Environment["CODEX_HOME"]!, "config.toml"), $"""
                model = "gpt-5.5"
                model_provider = "gateway"

                [model_providers.gateway]
                name = "Gateway"
                base_url = "{gateway.ToString().TrimEnd('/')}/v1"
                env_key = "GATEWAY_KEY"
                wire_api = "responses"
                """);
            foreach (var argument in new[] { "exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox", task })
            {
                start.ArgumentList.Add(argument);
            }
        }

        return start;
    }
}
