#!/usr/bin/env bash
# Fault-injection soak (SPEC 9): builds the gateway and the soak driver in Release, then the driver starts faulty fake
# upstreams and one healthy one on loopback, runs the gateway with `dotnet run` over a temporary SQLite database, provisions
# it through the admin API, sends mixed Chat/Responses/Messages, stream/non-stream requests (one in twenty from a client
# that leaves early) and checks every answer, the usage rows and that no account's concurrency slot stays held. It prints
# client-visible failures, corrupted answers, usage rows against requests and the faults injected by kind, and exits
# non-zero on any failure. A script to run on a quiet machine, not a test.
# Usage: bench/soak.sh [--accounts 7] [--fault-share 0.3] [--requests 10000] [--concurrency 24] [--seed 1]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dotnet build "$root/Gateway.Web/Gateway.Web.csproj" -c Release -v quiet -nologo
dotnet build "$root/bench/Gateway.Soak/Gateway.Soak.csproj" -c Release -o "$root/bench/out/soak" -v quiet -nologo
exec dotnet "$root/bench/out/soak/Gateway.Soak.dll" --root "$root" "$@"
