/** @internal A growable ring buffer queue: O(1) push and shift, no per-item allocation. */
export class Fifo<T> {
  private a: (T | undefined)[];
  private h = 0;
  private n = 0;
  private m: number;

  constructor(initialCapacity = 16) {
    let cap = 1;
    while (cap < initialCapacity) cap <<= 1;
    this.a = new Array<T | undefined>(cap).fill(undefined);
    this.m = cap - 1;
  }

  get size(): number {
    return this.n;
  }

  push(x: T): void {
    if (this.n > this.m) this.grow();
    this.a[(this.h + this.n) & this.m] = x;
    this.n++;
  }

  /** Removes and returns the oldest item; undefined when empty. */
  shift(): T | undefined {
    if (this.n === 0) return undefined;
    const h = this.h;
    const x = this.a[h];
    this.a[h] = undefined;
    this.h = (h + 1) & this.m;
    this.n--;
    return x;
  }

  peek(): T | undefined {
    return this.n === 0 ? undefined : this.a[this.h];
  }

  /** Items oldest first (copy). */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.n; i++) out.push(this.a[(this.h + i) & this.m] as T);
    return out;
  }

  clear(): void {
    this.a.fill(undefined);
    this.h = 0;
    this.n = 0;
  }

  private grow(): void {
    const old = this.a;
    const cap = old.length * 2;
    const a = new Array<T | undefined>(cap).fill(undefined);
    for (let i = 0; i < this.n; i++) a[i] = old[(this.h + i) & this.m];
    this.a = a;
    this.h = 0;
    this.m = cap - 1;
  }
}
