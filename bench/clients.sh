#!/usr/bin/env bash
# Real clients through the gateway: installs Claude Code and Codex CLI from npm into bench/out/clients (once), builds the
# gateway and the check in Release, then runs each client against each kind of account (anthropic, Responses, Chat)
# through a group whose first account fails inside its streams, asking it to write a file through its own tool. It
# prints one line per check and exits non-zero when a client did not write its file or a request was not spared the
# flaky account. Only loopback is called: the clients' model is a scripted fake. A manual check, not a test.
# Usage: bench/clients.sh [--only "claude on chat"] [--keep] (--keep: the requests and outputs stay even when every check passes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
clients="$root/bench/out/clients"
if [ ! -x "$clients/node_modules/.bin/claude" ] || [ ! -x "$clients/node_modules/.bin/codex" ]; then
  mkdir -p "$clients"
  npm install --prefix "$clients" --no-audit --no-fund --loglevel=error @anthropic-ai/claude-code @openai/codex
fi
dotnet build "$root/Gateway.Web/Gateway.Web.csproj" -c Release -v quiet -nologo
dotnet build "$root/bench/Gateway.Clients/Gateway.Clients.csproj" -c Release -o "$root/bench/out/clients-check" -v quiet -nologo
exec dotnet "$root/bench/out/clients-check/Gateway.Clients.dll" --root "$root" --clients "$clients" "$@"
