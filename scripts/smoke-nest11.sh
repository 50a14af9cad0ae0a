#!/usr/bin/env bash
# The library from a Nest 11 (CommonJS) app: packs libs/engage-send, installs it
# next to pinned Nest 11 packages in a scratch folder, and runs nest11-smoke.cjs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# npm pack builds the library first (its prepack script).
tarball=$(cd "$root/libs/engage-send" && npm pack --silent --pack-destination "$work")
cd "$work"
echo '{ "name": "nest11-smoke", "private": true }' > package.json
npm install --no-audit --no-fund --silent \
  @nestjs/common@11.2.10 @nestjs/core@11.2.10 @nestjs/axios@4.0.1 axios@1.13.2 \
  class-validator@0.14.4 class-transformer@0.5.1 reflect-metadata@0.2.2 rxjs@7.8.2 \
  @opentelemetry/api@1.9.0 "./$tarball"
cp "$root/scripts/nest11-smoke.cjs" .
node nest11-smoke.cjs
