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

field() { echo "$1" | grep -E "^$2 " | tail -1 | sed -E "s/.* $3=([0-9]+).*/\\1/"; }
corridor="$(field "$corridor_out" corridor customers_per_s)"
simpy="$(field "$simpy_out" simpy customers_per_s)"
corridor_cpu="$(field "$corridor_out" corridor customers_per_cpu_s)"
simpy_cpu="$(field "$simpy_out" simpy customers_per_cpu_s)"
awk -v c="$corridor" -v s="$simpy" -v cc="$corridor_cpu" -v sc="$simpy_cpu" 'BEGIN {
  printf "== M/M/4 rho 0.9, wall clock: corridor %d customers/s (median of runs), simpy %d customers/s, ratio %.1fx ==\n", c, s, c / s
  printf "== M/M/4 rho 0.9, CPU time:   corridor %d customers/s, simpy %d customers/s, ratio %.1fx ==\n", cc, sc, cc / sc
}'
