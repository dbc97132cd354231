/**
 * Inspections and errors per key (an HS code, an importer, an "HS x origin" pair...).
 * During training each key also keeps its counts per fold, so that a row's statistics can be
 * computed without its own fold (out-of-fold target statistics: no label leakage).
 */
export type CountKey = string | number;

/**
 * Open-addressing hash index for non-negative integer keys below 2^53 (pair keys): no string
 * building or hashing on the scoring path.
 */
export class IntIndex {
  private keys: Float64Array;
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 16) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  private slot(key: number): number {
    const hi = (key / 4194304) | 0;
    const lo = key - hi * 4194304;
    const h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77);
    return (h ^ (h >>> 15)) & this.mask;
  }

  get(key: number): number | undefined {
    let i = this.slot(key);
    for (;;) {
      const v = this.slots[i];
      if (v < 0) return undefined;
      if (this.keys[i] === key) return v;
      i = (i + 1) & this.mask;
    }
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.rehash();
    let i = this.slot(key);
    while (this.slots[i] >= 0 && this.keys[i] !== key) i = (i + 1) & this.mask;
    if (this.slots[i] < 0) this.size++;
    this.keys[i] = key;
    this.slots[i] = value;
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.slots.length; i++) if (this.slots[i] >= 0) yield [this.keys[i], this.slots[i]];
  }

  private rehash(): void {
    const keys = this.keys;
    const slots = this.slots;
    this.keys = new Float64Array(keys.length * 2);
    this.slots = new Int32Array(slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    this.size = 0;
    for (let i = 0; i < slots.length; i++) if (slots[i] >= 0) this.set(keys[i], slots[i]);
  }
}

export interface CountTableJSON {
  /** Integer keys (pairs of entries) rather than text. */
  readonly numeric?: boolean;
  readonly keys: CountKey[];
  readonly n: number[];
  readonly k: number[];
}

export class CountTable {
  private readonly index: Map<CountKey, number> | null;
  private readonly intIndex: IntIndex | null;
  private nArr: Float64Array;
  private kArr: Float64Array;
  private size = 0;
  private folds = 0;
  private foldN: Float64Array | null = null;
  private foldK: Float64Array | null = null;

  /** numeric: keys are non-negative integers (faster index). */
  constructor(capacity = 16, readonly numeric = false) {
    this.nArr = new Float64Array(capacity);
    this.kArr = new Float64Array(capacity);
    this.index = numeric ? null : new Map();
    this.intIndex = numeric ? new IntIndex(capacity) : null;
  }

  get length(): number {
    return this.size;
  }

  /** Starts keeping per-fold counts (training only). */
  trackFolds(folds: number): void {
    this.folds = folds;
    this.foldN = new Float64Array(this.nArr.length * folds);
    this.foldK = new Float64Array(this.nArr.length * folds);
  }

  /** Drops per-fold counts once out-of-fold features are computed. */
  dropFolds(): void {
    this.folds = 0;
    this.foldN = null;
    this.foldK = null;
  }

  find(key: CountKey): number {
    const i = this.intIndex !== null ? this.intIndex.get(key as number) : (this.index as Map<CountKey, number>).get(key);
    return i === undefined ? -1 : i;
  }

  add(key: CountKey, label: number, fold = -1): number {
    let i = this.find(key);
    if (i < 0) {
      i = this.size++;
      if (i >= this.nArr.length) this.grow();
      if (this.intIndex !== null) this.intIndex.set(key as number, i);
      else (this.index as Map<CountKey, number>).set(key, i);
    }
    this.nArr[i] += 1;
    this.kArr[i] += label;
    if (fold >= 0 && this.foldN !== null && this.foldK !== null) {
      this.foldN[i * this.folds + fold] += 1;
      this.foldK[i * this.folds + fold] += label;
    }
    return i;
  }

  /** Inspections of entry i, leaving out one fold (fold < 0: all data). */
  n(i: number, fold = -1): number {
    if (i < 0) return 0;
    return fold >= 0 && this.foldN !== null ? this.nArr[i] - this.foldN[i * this.folds + fold] : this.nArr[i];
  }

  /** Errors found for entry i, leaving out one fold (fold < 0: all data). */
  k(i: number, fold = -1): number {
    if (i < 0) return 0;
    return fold >= 0 && this.foldK !== null ? this.kArr[i] - this.foldK[i * this.folds + fold] : this.kArr[i];
  }

  entries(): IterableIterator<[CountKey, number]> {
    return this.intIndex !== null ? this.intIndex.entries() : (this.index as Map<CountKey, number>).entries();
  }

  private grow(): void {
    const cap = this.nArr.length * 2;
    const n = new Float64Array(cap);
    const k = new Float64Array(cap);
    n.set(this.nArr);
    k.set(this.kArr);
    this.nArr = n;
    this.kArr = k;
    if (this.foldN !== null && this.foldK !== null) {
      const fn = new Float64Array(cap * this.folds);
      const fk = new Float64Array(cap * this.folds);
      fn.set(this.foldN);
      fk.set(this.foldK);
      this.foldN = fn;
      this.foldK = fk;
    }
  }

  toJSON(): CountTableJSON {
    const keys: CountKey[] = new Array(this.size);
    for (const [key, i] of this.entries()) keys[i] = key;
    return { ...(this.numeric ? { numeric: true } : {}), keys, n: Array.from(this.nArr.subarray(0, this.size)), k: Array.from(this.kArr.subarray(0, this.size)) };
  }

  static fromJSON(json: CountTableJSON): CountTable {
    const table = new CountTable(Math.max(16, json.keys.length), json.numeric === true);
    json.keys.forEach((key, i) => {
      if (table.intIndex !== null) table.intIndex.set(key as number, i);
      else (table.index as Map<CountKey, number>).set(key, i);
      table.nArr[i] = json.n[i];
      table.kArr[i] = json.k[i];
    });
    table.size = json.keys.length;
    return table;
  }
}
