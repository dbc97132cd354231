// Driving the (synchronous) kernel when some steps are asynchronous calls into real services.
//
// A process that needs an answer yields `driver.wait(promise)`: a pending event. The driver runs
// the calendar one event at a time; whenever calls are waiting it stops the simulated clock,
// awaits them in the order they were made, and succeeds their events at the same simulated
// time. So the wall-clock time a call takes is never simulated time, and results do not depend
// on how long calls take. Work whose answer nobody waits for (`background`) runs while the
// driver awaits, and must be done before the run ends.
import type { Environment } from '../kernel/environment';
import type { Event } from '../kernel/event';

export class AsyncDriver {
  private pending: Array<{ ev: Event<unknown>; promise: Promise<unknown> }> = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private failure: { error: unknown } | undefined;
  /** Kernel events processed by `run` (stepping one at a time). */
  steps = 0;
  /** Calls awaited. */
  waits = 0;

  constructor(readonly env: Environment) {}

  /** An event that succeeds with the promise's value (or fails with its error) at the current simulated time. */
  wait<T>(promise: Promise<T>): Event<T> {
    const ev = this.env.event<T>();
    this.pending.push({ ev: ev as Event<unknown>, promise });
    return ev;
  }

  /** Starts work the simulation does not wait for; a failure stops the run. */
  background(promise: Promise<unknown>): void {
    const tracked = promise.then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }

  /** Runs the simulation to `until` (s), awaiting calls as they come; then waits for background work. */
  async run(until: number): Promise<void> {
    const env = this.env;
    for (;;) {
      if (this.failure) throw this.failure.error;
      if (this.pending.length > 0) {
        const batch = this.pending.splice(0);
        for (const { ev, promise } of batch) {
          this.waits++;
          try {
            ev.succeed(await promise);
          } catch (error) {
            ev.fail(error);
          }
        }
        continue;
      }
      if (!(env.peek() < until)) break;
      env.step();
      this.steps++;
    }
    env.run({ until });
    await this.settle();
  }

  /** Waits for all background work; throws the first failure. */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
    if (this.failure) throw this.failure.error;
  }
}
