#!/usr/bin/env bash
# Gateway overhead benchmark: builds the gateway in Release, then runs the same load directly against a fast
# fake upstream and through the gateway (a separate process) on loopback, and prints the comparison:
# non-stream at 64 connections, 32 SSE streams of 50 chunks, and 32 converted streams (Chat in, Responses upstream).
# Usage: bench/run.sh [--seconds 6] [--warmup 2]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/bench/out"
dotnet build "$root/Gateway.Web/Gateway.Web.csproj" -c Release -o "$out/gateway" -v quiet -nologo
dotnet build "$root/bench/Gateway.Bench/Gateway.Bench.csproj" -c Release -o "$out/bench" -v quiet -nologo
exec dotnet "$out/bench/Gateway.Bench.dll" --gateway "$out/gateway/Gateway.Web.dll" "$@"
