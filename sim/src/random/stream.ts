// Seeded random streams: one independent stream per purpose (arrivals, service, routing...).
//
// Each stream is a xoroshiro128+ generator from `pure-rand`, whose 128-bit state
// is derived by hashing (seed, replication, stream name). Streams are therefore
// independent of creation order: adding a stream never changes the others, and
// replications get unrelated states. The generator is pure-rand's mutable one,
// so drawing allocates nothing.
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const TWO_POW_26 = 67_108_864;
const TWO_POW_MINUS_53 = 1 / 9_007_199_254_740_992;

/** A source of uniform random numbers plus the basic variates; obtained from {@link RandomStreams.stream}. */
export class RandomStream {
  /** Name of the stream (its purpose). */
  readonly name: string;
  private readonly g: RandomGenerator;
  private spare = 0;
  private hasSpare = false;

  /** Wraps a pure-rand generator (normally via {@link RandomStreams}). */
  constructor(generator: RandomGenerator, name = 'stream') {
    this.g = generator;
    this.name = name;
  }

  /**
   * Uniform on [0, 1) with 53 random bits. Built from the high 27 and 26 bits of
   * two 32-bit outputs (xoroshiro128+'s lowest bits are its weakest).
   */
  random(): number {
    const a = this.g.next() >>> 5;
    const b = this.g.next() >>> 6;
    return (a * TWO_POW_26 + b) * TWO_POW_MINUS_53;
  }

  /** Uniform on (0, 1]: safe to take the log of. */
  randomOpenZero(): number {
    return 1 - this.random();
  }

  /** Uniform on [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.random();
  }

  /** Uniform integer in [min, max] (both inclusive, integers, max - min < 2^53). */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.random());
  }

  /** Normal with mean and standard deviation (Marsaglia polar method; the second variate is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + sd * this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return mean + sd * u * f;
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.random() < p;
  }

  /** Picks one element uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick: empty array');
    return items[Math.floor(this.random() * items.length)];
  }
}

// ---- seed derivation -------------------------------------------------------

function mix32(h: number): number {
  // murmur3 fmix32
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

function absorb(h: number, k: number): number {
  // murmur3 block step
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * Derives a 128-bit xoroshiro state (4 x 32 bits) from (seed, replication, name).
 * Four murmur3-style hash lanes with different salts over the same input words.
 */
export function deriveState(seed: number, replication: number, name: string): [number, number, number, number] {
  const words: number[] = [];
  // seed as two 32-bit halves (seeds up to 2^53 are distinct)
  words.push(seed >>> 0, Math.floor(seed / 4_294_967_296) >>> 0, replication >>> 0, Math.floor(replication / 4_294_967_296) >>> 0);
  words.push(name.length);
  for (let i = 0; i < name.length; i++) words.push(name.charCodeAt(i));
  const salts = [0x9e3779b9, 0x7f4a7c15, 0x85ebca77, 0xc2b2ae3d];
  const out: number[] = [];
  for (let lane = 0; lane < 4; lane++) {
    let h = salts[lane];
    for (let i = 0; i < words.length; i++) h = absorb(h, (words[i] + Math.imul(lane + 1, 0x27d4eb2f)) | 0);
    h ^= words.length;
    out.push(mix32(h));
  }
  if ((out[0] | out[1] | out[2] | out[3]) === 0) out[0] = 1; // xoroshiro forbids the all-zero state
  return [out[0], out[1], out[2], out[3]];
}

function checkSeed(x: number, what: string): void {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${x}`);
}

/**
 * The random streams of one replication of one experiment: `stream(name)`
 * returns the stream for that purpose (created on first use, then cached). The
 * same (seed, replication, name) always gives the same sequence, whatever other
 * streams exist; different replications or names give unrelated sequences.
 */
export class RandomStreams {
  /** Experiment seed (non-negative safe integer). */
  readonly seed: number;
  /** Replication index (non-negative safe integer). */
  readonly replication: number;
  private readonly streams = new Map<string, RandomStream>();

  constructor(seed: number, replication = 0) {
    checkSeed(seed, 'seed');
    checkSeed(replication, 'replication');
    this.seed = seed;
    this.replication = replication;
  }

  /** The stream named `name` (e.g. 'arrivals', 'service:booth'). */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (s === undefined) {
      s = new RandomStream(xoroshiro128plusFromState(deriveState(this.seed, this.replication, name)), name);
      this.streams.set(name, s);
    }
    return s;
  }

  /** Names of the streams created so far. */
  names(): string[] {
    return [...this.streams.keys()];
  }
}

/** A single stream for (seed, replication, name), without a {@link RandomStreams} registry. */
export function randomStream(seed: number, name = 'default', replication = 0): RandomStream {
  checkSeed(seed, 'seed');
  checkSeed(replication, 'replication');
  return new RandomStream(xoroshiro128plusFromState(deriveState(seed, replication, name)), name);
}
