/**
 * Hierarchical empirical-Bayes smoothing of error rates (the "smoothing hierarchies" of SISAM).
 *
 * Each level of a hierarchy (HS2 -> HS4 -> HS6 -> national code, or HS x origin) has a Beta
 * prior centred on its parent's smoothed rate, with a strength s (pseudo-inspections) shared by
 * all groups of that level: rate = (k + s * parentRate) / (n + s). A rare child therefore borrows
 * from its parent, a well-observed one speaks for itself. s is estimated from the data by the
 * method of moments: the spread of observed group rates around their parents, beyond what
 * binomial noise explains, tells how different groups really are.
 */

export const MIN_STRENGTH = 1;
export const MAX_STRENGTH = 10_000;

/** Posterior mean of an error rate: k errors in n inspections, prior mean `prior` with strength `s`. */
export function smoothedRate(k: number, n: number, prior: number, s: number): number {
  return (k + s * prior) / (n + s);
}

/**
 * Method-of-moments prior strength for groups (n_i, k_i) whose parent rates are m_i.
 * Under a beta-binomial model E[(p_i - m_i)^2] = m_i(1-m_i)(1/n_i + (1 - 1/n_i) rho) with
 * rho = 1/(s+1); pooling groups with n_i >= 2 (weights n_i) gives rho and hence s.
 */
export function estimateStrength(n: ArrayLike<number>, k: ArrayLike<number>, m: ArrayLike<number>, count = n.length): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < count; i++) {
    const ni = n[i];
    if (ni < 2) continue;
    const mi = Math.min(1 - 1e-9, Math.max(1e-9, m[i]));
    const v = mi * (1 - mi);
    const d = k[i] / ni - mi;
    num += ni * d * d - v;
    den += (ni - 1) * v;
  }
  if (den <= 0) return MAX_STRENGTH;
  const rho = num / den;
  if (rho <= 1 / (MAX_STRENGTH + 1)) return MAX_STRENGTH;
  return Math.min(MAX_STRENGTH, Math.max(MIN_STRENGTH, 1 / rho - 1));
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * The rate two independent signals imply together (naive Bayes in odds): the prior of a
 * combination such as HS x origin before its own history is seen.
 */
export function combineRates(a: number, b: number, base: number): number {
  return sigmoid(logit(a) + logit(b) - logit(base));
}
