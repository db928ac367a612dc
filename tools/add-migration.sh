#!/usr/bin/env bash
# Adds a migration named $1 for both providers (SQLite and SQL Server).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
dotnet build tools/Gateway.DesignTime >/dev/null
for ctx in Sqlite SqlServer; do
  dotnet ef migrations add "$name" --project Gateway.Core --startup-project tools/Gateway.DesignTime \
    --context "${ctx}GatewayDbContext" --output-dir "Persistence/Migrations/$ctx"
done
