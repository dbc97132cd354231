import { describe, expect, it } from 'vitest';
import { Environment } from './environment';
import { Store } from './store';

describe('stores', () => {
  it('hand items over in FIFO order, getters waiting until items arrive', () => {
    const env = new Environment();
    const yard = new Store<string>(env);
    const got: [number, string][] = [];
    env.process(function* () {
      for (let i = 0; i < 3; i++) {
        const truck = (yield yard.get()) as string;
        got.push([env.now, truck]);
      }
    });
    env.process(function* () {
      yield env.timeout(5);
      yield yard.put('T1');
      yield yard.put('T2');
      yield env.timeout(5);
      yield yard.put('T3');
    });
    env.run();
    expect(got).toEqual([
      [5, 'T1'],
      [5, 'T2'],
      [10, 'T3'],
    ]);
  });

  it('block puts while full (bounded capacity) and release them as items leave', () => {
    const env = new Environment();
    const bay = new Store<number>(env, { capacity: 2 });
    const putDone: number[] = [];
    env.process(function* () {
      for (let i = 0; i < 4; i++) {
        yield bay.put(i);
        putDone.push(env.now);
      }
    });
    env.process(function* () {
      yield env.timeout(10);
      expect(bay.size).toBe(2);
      expect(bay.waitingPuts).toBe(1);
      expect(yield bay.get()).toBe(0);
      yield env.timeout(10);
      expect(yield bay.get()).toBe(1);
    });
    env.run();
    expect(putDone).toEqual([0, 0, 10, 20]);
    expect(bay.contents).toEqual([2, 3]);
  });

  it('cancel withdraws a waiting get', () => {
    const env = new Environment();
    const s = new Store<string>(env);
    const g1 = s.get();
    const g2 = s.get();
    expect(s.cancel(g1)).toBe(true);
    s.put('x');
    env.run();
    expect(g2.value).toBe('x');
    expect(g1.triggered).toBe(false);
    expect(s.cancel(g2)).toBe(false);
  });

  it('track the time-weighted level and get waits', () => {
    const env = new Environment();
    const s = new Store<number>(env);
    env.process(function* () {
      yield s.put(1); // level 1 from 0
      yield env.timeout(10);
      yield s.get(); // level 0 from 10
      yield env.timeout(10);
    });
    env.run();
    const st = s.stats();
    expect(st.meanLevel).toBeCloseTo(0.5, 12);
    expect(st.maxLevel).toBe(1);
    expect(st.gets).toBe(1);
    expect(st.meanGetWait).toBe(0);
  });

  it('validate capacity', () => {
    expect(() => new Store(new Environment(), { capacity: -2 })).toThrow(/capacity/);
  });
});
