// The event calendar: every triggered event, ordered by (time, priority, sequence).
//
// Two structures, merged on pop:
// - a binary min-heap for events in the future (or with an unusual priority): times,
//   keys and slot numbers in typed arrays, the events in a slot table, so sifting
//   never touches the events themselves;
// - two FIFO queues for zero-delay events of priority URGENT and NORMAL. These are
//   the majority (process starts, resource grants, process completions) and all have
//   time == now, so their order is simply insertion order; no heap work is needed.
// The key packs (priority, sequence) in one number: priority * 2^46 + sequence,
// exact in a double while priority <= 127 and sequence < 2^46 (7e13 events).
import { type Event, MAX_PRIORITY } from './event';

const SEQ_SPAN = 2 ** 46;

/** @internal The ordered set of scheduled events, and the current simulation time. */
export class Calendar {
  /** Current simulation time (seconds). */
  now: number;
  private seq = 0;
  // Heap: times, keys and slot numbers in typed arrays, so sifting moves plain
  // numbers; the events themselves sit still in `slots` (a pointer store into a
  // long-lived array costs a write barrier, a typed-array store does not).
  private ht = new Float64Array(64);
  private hk = new Float64Array(64);
  private hs = new Int32Array(64);
  private hn = 0;
  private slots: (Event<unknown> | undefined)[] = [];
  private free = new Int32Array(64);
  private nFree = 0;
  // Zero-delay FIFOs: urgent (u) and normal (q). Arrays are reused; head/tail reset when drained.
  private ue: Event<unknown>[] = [];
  private uk: number[] = [];
  private uh = 0;
  private ut = 0;
  private qe: Event<unknown>[] = [];
  private qk: number[] = [];
  private qh = 0;
  private qt = 0;

  constructor(initialTime: number) {
    this.now = initialTime;
  }

  /** Number of scheduled events. */
  get size(): number {
    return this.hn + (this.ut - this.uh) + (this.qt - this.qh);
  }

  /** Schedules `ev` at now + delay with the given priority. Caller validates arguments. */
  schedule(ev: Event<unknown>, priority: number, delay: number): void {
    const key = priority * SEQ_SPAN + this.seq++;
    const now = this.now;
    const t = now + delay;
    if (t === now) {
      if (priority === 1) {
        const i = this.qt++;
        this.qe[i] = ev;
        this.qk[i] = key;
        return;
      }
      if (priority === 0) {
        const i = this.ut++;
        this.ue[i] = ev;
        this.uk[i] = key;
        return;
      }
    }
    this.push(t, key, ev);
  }

  /** Schedules `ev` at absolute time `t` (>= now), avoiding the rounding of now + (t - now). */
  scheduleAt(ev: Event<unknown>, priority: number, t: number): void {
    if (t === this.now) this.schedule(ev, priority, 0);
    else this.push(t, priority * SEQ_SPAN + this.seq++, ev);
  }

  /** Time of the next event, or Infinity if none. */
  peek(): number {
    if (this.ut > this.uh || this.qt > this.qh) return this.now;
    return this.hn > 0 ? this.ht[0] : Infinity;
  }

  /** Removes and returns the next event, advancing `now` to its time; null if the calendar is empty. */
  pop(): Event<unknown> | null {
    let fk: number;
    let sel: number;
    if (this.uh < this.ut) {
      sel = 0;
      fk = this.uk[this.uh];
    } else if (this.qh < this.qt) {
      sel = 1;
      fk = this.qk[this.qh];
    } else {
      return this.hn > 0 ? this.popHeap() : null;
    }
    if (this.hn > 0) {
      const t0 = this.ht[0];
      if (t0 < this.now || (t0 === this.now && this.hk[0] < fk)) return this.popHeap();
    }
    if (sel === 0) {
      const ev = this.ue[this.uh++];
      if (this.uh === this.ut) this.uh = this.ut = 0;
      return ev;
    }
    const ev = this.qe[this.qh++];
    if (this.qh === this.qt) this.qh = this.qt = 0;
    return ev;
  }

  /** Removes a specific scheduled event (slow path, used to withdraw `run`'s stop marker). Returns whether it was found. */
  remove(ev: Event<unknown>): boolean {
    for (let i = this.uh; i < this.ut; i++) {
      if (this.ue[i] === ev) {
        this.ue.splice(i, 1);
        this.uk.splice(i, 1);
        this.ut--;
        return true;
      }
    }
    for (let i = this.qh; i < this.qt; i++) {
      if (this.qe[i] === ev) {
        this.qe.splice(i, 1);
        this.qk.splice(i, 1);
        this.qt--;
        return true;
      }
    }
    for (let i = 0; i < this.hn; i++) {
      const slot = this.hs[i];
      if (this.slots[slot] === ev) {
        // Rebuild the heap without it (rare path).
        const items: [number, number, Event<unknown>][] = [];
        for (let j = 0; j < this.hn; j++) {
          if (j !== i) items.push([this.ht[j], this.hk[j], this.slots[this.hs[j]] as Event<unknown>]);
          this.releaseSlot(this.hs[j]);
        }
        this.hn = 0;
        for (const [t, k, e] of items) this.push(t, k, e);
        return true;
      }
    }
    return false;
  }

  private releaseSlot(slot: number): void {
    this.slots[slot] = undefined;
    if (this.nFree === this.free.length) {
      const f = new Int32Array(this.free.length * 2);
      f.set(this.free);
      this.free = f;
    }
    this.free[this.nFree++] = slot;
  }

  private grow(): void {
    const cap = this.ht.length * 2;
    const ht = new Float64Array(cap);
    const hk = new Float64Array(cap);
    const hs = new Int32Array(cap);
    ht.set(this.ht);
    hk.set(this.hk);
    hs.set(this.hs);
    this.ht = ht;
    this.hk = hk;
    this.hs = hs;
  }

  private push(t: number, k: number, ev: Event<unknown>): void {
    let slot: number;
    if (this.nFree > 0) {
      slot = this.free[--this.nFree];
      this.slots[slot] = ev;
    } else {
      slot = this.slots.length;
      this.slots.push(ev);
    }
    if (this.hn === this.ht.length) this.grow();
    const ht = this.ht;
    const hk = this.hk;
    const hs = this.hs;
    let i = this.hn++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ht[p];
      if (pt < t || (pt === t && hk[p] < k)) break;
      ht[i] = pt;
      hk[i] = hk[p];
      hs[i] = hs[p];
      i = p;
    }
    ht[i] = t;
    hk[i] = k;
    hs[i] = slot;
  }

  private popHeap(): Event<unknown> {
    const ht = this.ht;
    const hk = this.hk;
    const hs = this.hs;
    const topSlot = hs[0];
    const top = this.slots[topSlot] as Event<unknown>;
    this.releaseSlot(topSlot);
    this.now = ht[0];
    const n = --this.hn;
    if (n > 0) {
      const t = ht[n];
      const k = hk[n];
      const e = hs[n];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        let ct = ht[c];
        let ck = hk[c];
        const r = c + 1;
        if (r < n) {
          const rt = ht[r];
          const rk = hk[r];
          if (rt < ct || (rt === ct && rk < ck)) {
            c = r;
            ct = rt;
            ck = rk;
          }
        }
        if (t < ct || (t === ct && k < ck)) break;
        ht[i] = ct;
        hk[i] = ck;
        hs[i] = hs[c];
        i = c;
      }
      ht[i] = t;
      hk[i] = k;
      hs[i] = e;
    }
    return top;
  }
}

/** @internal Validates a user-supplied calendar priority. */
export function checkPriority(priority: number): void {
  if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
    throw new RangeError(`event priority must be an integer in [0, ${MAX_PRIORITY}], got ${priority}`);
  }
}
