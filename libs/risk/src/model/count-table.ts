/**
 * Inspections and errors per key (an HS code, an importer, an "HS x origin" pair...).
 * During training each key also keeps its counts per fold, so that a row's statistics can be
 * computed without its own fold (out-of-fold target statistics: no label leakage).
 */
export interface CountTableJSON {
  readonly keys: string[];
  readonly n: number[];
  readonly k: number[];
}

export class CountTable {
  private readonly index = new Map<string, number>();
  private nArr: Float64Array;
  private kArr: Float64Array;
  private size = 0;
  private folds = 0;
  private foldN: Float64Array | null = null;
  private foldK: Float64Array | null = null;

  constructor(capacity = 16) {
    this.nArr = new Float64Array(capacity);
    this.kArr = new Float64Array(capacity);
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

  find(key: string): number {
    const i = this.index.get(key);
    return i === undefined ? -1 : i;
  }

  add(key: string, label: number, fold = -1): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.size++;
      if (i >= this.nArr.length) this.grow();
      this.index.set(key, i);
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

  keyAt(i: number): string {
    for (const [key, j] of this.index) if (j === i) return key;
    return '';
  }

  entries(): IterableIterator<[string, number]> {
    return this.index.entries();
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
    const keys: string[] = new Array(this.size);
    for (const [key, i] of this.index) keys[i] = key;
    return { keys, n: Array.from(this.nArr.subarray(0, this.size)), k: Array.from(this.kArr.subarray(0, this.size)) };
  }

  static fromJSON(json: CountTableJSON): CountTable {
    const table = new CountTable(Math.max(16, json.keys.length));
    json.keys.forEach((key, i) => {
      table.index.set(key, i);
      table.nArr[i] = json.n[i];
      table.kArr[i] = json.k[i];
    });
    table.size = json.keys.length;
    return table;
  }
}
