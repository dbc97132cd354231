// Closed-form steady-state results for simple queues, used to validate the
// simulator and to explain results. Rates are per second, times in seconds.

/** Steady-state measures of a queue (times in seconds, lengths in customers). */
export interface QueueMetrics {
  /** Server utilisation, lambda / (c mu). */
  rho: number;
  /** Probability an arrival has to wait. */
  pWait: number;
  /** Mean wait in queue. */
  wq: number;
  /** Mean time in system (wait + service). */
  w: number;
  /** Mean number waiting. */
  lq: number;
  /** Mean number in system. */
  l: number;
}

function checkRates(what: string, lambda: number, mu: number, c: number): void {
  if (!(Number.isFinite(lambda) && lambda > 0)) throw new RangeError(`${what}: arrival rate lambda must be > 0, got ${lambda}`);
  if (!(Number.isFinite(mu) && mu > 0)) throw new RangeError(`${what}: service rate mu must be > 0, got ${mu}`);
  if (!(Number.isInteger(c) && c >= 1)) throw new RangeError(`${what}: servers c must be an integer >= 1, got ${c}`);
  if (!(lambda < c * mu)) throw new RangeError(`${what}: unstable, lambda (${lambda}) must be < c*mu (${c * mu})`);
}

/** Erlang B blocking probability for offered load `a` = lambda/mu erlangs on `c` servers (stable recursion). */
export function erlangB(c: number, a: number): number {
  if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`erlangB: c must be an integer >= 0, got ${c}`);
  if (!(a >= 0)) throw new RangeError(`erlangB: load must be >= 0, got ${a}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu < c. */
export function erlangC(c: number, a: number): number {
  if (!(a < c)) throw new RangeError(`erlangC: load a (${a}) must be < c (${c})`);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** M/M/c: Poisson arrivals (rate lambda), exponential service (rate mu), c servers, FIFO. */
export function mmc(lambda: number, mu: number, c: number): QueueMetrics {
  checkRates('M/M/c', lambda, mu, c);
  const a = lambda / mu;
  const pWait = erlangC(c, a);
  const wq = pWait / (c * mu - lambda);
  return { rho: a / c, pWait, wq, w: wq + 1 / mu, lq: lambda * wq, l: lambda * (wq + 1 / mu) };
}

/** M/M/1: Wq = rho / (mu - lambda). */
export function mm1(lambda: number, mu: number): QueueMetrics {
  checkRates('M/M/1', lambda, mu, 1);
  const rho = lambda / mu;
  const wq = rho / (mu - lambda);
  return { rho, pWait: rho, wq, w: wq + 1 / mu, lq: lambda * wq, l: lambda * (wq + 1 / mu) };
}

/**
 * M/G/1 by Pollaczek-Khinchine: Wq = lambda E[S^2] / (2 (1 - rho)), with
 * E[S^2] = variance + mean^2 of the service time (seconds).
 */
export function mg1(lambda: number, meanService: number, serviceVariance: number): QueueMetrics {
  if (!(meanService > 0)) throw new RangeError(`M/G/1: mean service time must be > 0, got ${meanService}`);
  if (!(serviceVariance >= 0)) throw new RangeError(`M/G/1: service variance must be >= 0, got ${serviceVariance}`);
  checkRates('M/G/1', lambda, 1 / meanService, 1);
  const rho = lambda * meanService;
  const es2 = serviceVariance + meanService * meanService;
  const wq = (lambda * es2) / (2 * (1 - rho));
  return { rho, pWait: rho, wq, w: wq + meanService, lq: lambda * wq, l: lambda * (wq + meanService) };
}

/** M/D/1 (deterministic service of `serviceTime` seconds): P-K with zero variance, Wq = rho D / (2 (1 - rho)). */
export function md1(lambda: number, serviceTime: number): QueueMetrics {
  return mg1(lambda, serviceTime, 0);
}
