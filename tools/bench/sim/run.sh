#!/usr/bin/env bash
# Runs the M/M/4 (rho 0.9) benchmark on the Corridor kernel and on SimPy 3 with the
# same customer count, and prints both rates and their ratio.
#
# Usage: tools/bench/sim/run.sh [customers]   (default 1 000 000)
# Needs: node_modules (npm install) and SimPy 3 for /usr/bin/python3
#        (Debian: apt-get install -y python3-simpy3).
set -euo pipefail
cd "$(dirname "$0")/../../.."
CUSTOMERS="${1:-1000000}"

if ! /usr/bin/python3 -c 'import simpy' 2>/dev/null; then
  echo "SimPy 3 is missing: apt-get update && apt-get install -y python3-simpy3" >&2
  exit 1
fi

echo "== Corridor kernel (node $(node --version)) =="
corridor_out="$(node -r @swc-node/register tools/bench/sim/mmc.bench.ts "$CUSTOMERS")"
echo "$corridor_out"
echo "== SimPy $(/usr/bin/python3 -c 'import simpy; print(simpy.__version__)') ($(/usr/bin/python3 --version)) =="
simpy_out="$(/usr/bin/python3 tools/bench/sim/mmc_simpy.py "$CUSTOMERS")"
echo "$simpy_out"

rate() { echo "$1" | grep -E "^$2 " | tail -1 | sed -E 's/.*customers_per_s=([0-9]+).*/\1/'; }
corridor="$(rate "$corridor_out" corridor)"
simpy="$(rate "$simpy_out" simpy)"
awk -v c="$corridor" -v s="$simpy" 'BEGIN { printf "== M/M/4 rho 0.9: corridor %d customers/s (median), simpy %d customers/s, ratio %.1fx ==\n", c, s, c / s }'
