#!/usr/bin/env bash
# Installs the stock Salesforce client the sandbox is tested with (jsforce, pinned) into
# .tools/jsforce and prints its node_modules directory. Idempotent; needs node and npm.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# jsforce 3.10.8 runs on Node 18+; the newest release (3.10.26) needs Node >= 22 through undici 8,
# and Debian 12 ships Node 18/20.
version="3.10.8"
prefix="$repo/.tools/jsforce"
modules="$prefix/node_modules"

if [[ -f "$modules/jsforce/package.json" ]] && grep -q "\"version\": \"$version\"" "$modules/jsforce/package.json"; then
  echo "$modules"
  exit 0
fi
for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "jsforce: $tool is needed (Debian: sudo apt-get install nodejs npm)" >&2; exit 1; }
done
mkdir -p "$prefix"
[[ -f "$prefix/package.json" ]] || echo '{"name":"sandbox-stock-client","private":true}' > "$prefix/package.json"
npm install --prefix "$prefix" --no-audit --no-fund --silent "jsforce@$version" >&2
echo "$modules"
