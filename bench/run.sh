#!/usr/bin/env bash
# Gateway overhead benchmark (SPEC 9): builds the gateway and the benchmark in Release, installs nginx and wrk from Debian
# when missing, then sends the same loads straight to a fast fake upstream, through nginx (a streaming-safe reverse proxy),
# through a bare Kestrel pass-through (the floor for any gateway on ASP.NET Core) and through the gateway, in one run, on loopback: non-stream at 64 connections and at one, 32 SSE streams at full speed,
# 32 paced like a model's tokens (at least 5 ms apart), and 32 converted streams (Chat client, Responses upstream). It prints throughput ratios, latency and time to first byte added
# over direct, CPU time per request (from /proc), peak memory (VmHWM) and the usage rows written. The .NET targets are
# first warmed up until their background JIT is done (--max-warmup bounds it), so the rounds measure the steady state.
# Usage: bench/run.sh [--seconds 5] [--warmup 2] [--min-warmup 60] [--max-warmup 300] [--rounds 1] [--pin | --load-cpus 0 --proxy-cpus 1]
#                     [--scenarios nonstream64,nonstream1,sse32,paced32,converted32] [--targets direct,nginx,bare,gateway]
# --pin runs the load generators on CPU 0 and the upstream, nginx and the gateway together on CPU 1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/bench/out"
missing=()
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
  sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" apt-get install -y "${missing[@]}" || { "${sudo[@]}" apt-get update && "${sudo[@]}" apt-get install -y "${missing[@]}"; }
fi
export PATH="$PATH:/usr/sbin"

load_cpus=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --pin) load_cpus=0 ;;
    --load-cpus) load_cpus="${args[i + 1]:-}" ;;
  esac
done
pin=()
[[ -n "$load_cpus" ]] && pin=(taskset -c "$load_cpus")

dotnet build "$root/Gateway.Web/Gateway.Web.csproj" -c Release -o "$out/gateway" -v quiet -nologo
dotnet build "$root/bench/Gateway.Bench/Gateway.Bench.csproj" -c Release -o "$out/bench" -v quiet -nologo
exec "${pin[@]}" dotnet "$out/bench/Gateway.Bench.dll" --gateway "$out/gateway/Gateway.Web.dll" "$@"
