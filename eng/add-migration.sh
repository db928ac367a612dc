#!/usr/bin/env bash
# Adds a migration named $1 for both providers (SQLite and SQL Server) with the dotnet-ef local tool.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: eng/add-migration.sh MigrationName}
dotnet tool restore >/dev/null
for ctx in Sqlite SqlServer; do
  dotnet ef migrations add "$name" --project Gateway.Core --startup-project Gateway.Web \
    --context "${ctx}GatewayDbContext" --output-dir "Persistence/Migrations/$ctx"
done
