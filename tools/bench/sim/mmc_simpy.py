#!/usr/bin/env python3
"""M/M/4 at rho 0.9 in SimPy 3: the reference for tools/bench/sim/mmc.bench.ts.

Same model as the Corridor benchmark: Poisson arrivals at 216 customers/hour,
exponential service with mean 60 s, 4 servers, one FIFO queue. A source process
creates every customer as a process; each customer requests a server, waits,
holds it for its service time and releases it. The run ends when the source has
created CUSTOMERS customers and all of them have been served.

Usage: /usr/bin/python3 tools/bench/sim/mmc_simpy.py [customers] [seed]
Prints one line: "simpy customers=<n> seconds=<s> customers_per_s=<r> customers_per_cpu_s=<r> mean_wait_s=<w>"
(customers_per_s from wall-clock time, customers_per_cpu_s from process CPU time).
"""
import random
import sys
import time

import simpy

CUSTOMERS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 12345
SERVERS = 4
ARRIVAL_RATE = 216 / 3600.0  # customers per second
MEAN_SERVICE = 60.0  # seconds


def main():
    rng = random.Random(SEED)
    expo = rng.expovariate
    env = simpy.Environment()
    booths = simpy.Resource(env, capacity=SERVERS)
    stats = {"served": 0, "wait_sum": 0.0}

    def customer():
        arrive = env.now
        with booths.request() as req:
            yield req
            stats["wait_sum"] += env.now - arrive
            yield env.timeout(expo(1.0 / MEAN_SERVICE))
        stats["served"] += 1

    def source():
        for _ in range(CUSTOMERS):
            env.process(customer())
            yield env.timeout(expo(ARRIVAL_RATE))

    env.process(source())
    start = time.perf_counter()
    cpu_start = time.process_time()
    env.run()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    served = stats["served"]
    assert served == CUSTOMERS, (served, CUSTOMERS)
    print(
        "simpy customers=%d seconds=%.3f customers_per_s=%.0f customers_per_cpu_s=%.0f mean_wait_s=%.2f"
        % (served, elapsed, served / elapsed, served / cpu, stats["wait_sum"] / served)
    )


if __name__ == "__main__":
    main()
