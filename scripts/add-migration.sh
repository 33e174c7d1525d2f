#!/usr/bin/env bash
# Adds a migration to both providers' migration sets: scripts/add-migration.sh <Name>
# (One model, two providers: see docs/decisions/0001-two-migration-sets.md.)
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
dotnet tool restore >/dev/null
dotnet build LeadSync.Core -v q -nologo >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build --project LeadSync.Core --startup-project LeadSync.Core \
    --context "${provider}LeadSyncDbContext" --output-dir "Data/Migrations/${provider}"
done
