#!/usr/bin/env bash
# Runs every benchmark of docs/benchmarks.md in one sitting, in the order the
# page reports them. Each script bounds its own runs. All together take about
# 25-30 minutes on a quiet 2-core machine. A busy machine adds time, because
# each load point waits up to 120 s for it to go quiet.
#
#   bench/run-all.sh [COLYSEUS_PEER_DIR]
#
# With a folder of the Colyseus peer benchmark as argument, it runs the peer
# at 1,000 and 3,000 users first, so both sides share the sitting.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

node bench/pathfinding.ts
if [ "$#" -ge 1 ]; then
  node bench/colyseus-peer.ts --peer-dir "$1" --users 1000,3000 --repeats 2
fi
node bench/capacity.ts --transport ws --repeats 3 --profile limit
node bench/fanout.ts --transport ws
node bench/memory.ts --transport ws
