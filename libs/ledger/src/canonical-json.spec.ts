import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonBytes } from './canonical-json';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and drops insignificant whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 0, y: -0 } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":0,"z":0}}');
    // RFC 8785 §3.2.3 example ordering: UTF-16 code units, so U+20AC sorts before U+FB33 and "\r" first.
    expect(canonicalJson({ '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\u00e9': 5 })).toBe('{"\\r":2,"1":4,"é":5,"€":1,"שּׁ":3}'.replace('שּׁ', '\ufb33'));
  });

  it('serialises numbers the ECMAScript way, as RFC 8785 requires', () => {
    expect(canonicalJson([1e21, 1e-7, 0.1, 333333333.3333333, 4.5, 2 ** 53])).toBe('[1e+21,1e-7,0.1,333333333.3333333,4.5,9007199254740992]');
  });

  it('gives the same bytes for the same value however it was built', () => {
    const a = canonicalJsonBytes({ declaration: 'D-1', items: [{ hs: '0101', qty: 2 }], at: '2025-01-01' });
    const b = canonicalJsonBytes(JSON.parse('{ "items": [ { "qty": 2, "hs": "0101" } ], "at": "2025-01-01", "declaration": "D-1" }'));
    expect(a).toEqual(b);
    expect(new TextDecoder().decode(a)).toBe('{"at":"2025-01-01","declaration":"D-1","items":[{"hs":"0101","qty":2}]}');
  });

  it('encodes strings as UTF-8', () => {
    expect(canonicalJsonBytes('€')).toEqual(Uint8Array.of(0x22, 0xe2, 0x82, 0xac, 0x22));
  });

  it('omits undefined object properties like JSON.stringify', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('rejects values that have no canonical JSON form, naming where they are', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow('canonical JSON: $ is NaN, which JSON cannot represent');
    expect(() => canonicalJson({ a: [1, Infinity] })).toThrow('canonical JSON: $.a[1] is Infinity, which JSON cannot represent');
    expect(() => canonicalJson({ a: -Infinity })).toThrow(/\$\.a is -Infinity/);
    expect(() => canonicalJson(undefined)).toThrow(/\$ is undefined/);
    expect(() => canonicalJson([undefined])).toThrow(/\$\[0\] is undefined/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/\$\.f is a function/);
    expect(() => canonicalJson({ n: 10n })).toThrow(/\$\.n is a bigint/);
    expect(() => canonicalJson({ s: Symbol('x') })).toThrow(/\$\.s is a symbol/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/\$\.d is a Date object/);
    expect(() => canonicalJson(new Map())).toThrow(/\$ is a Map object/);
    expect(() => canonicalJson({ s: 'a\ud800b' })).toThrow(/lone UTF-16 surrogate/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/\$\.self is a circular reference/);
  });

  it('accepts shared (non-circular) references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('canonical JSON across realms', () => {
  it('accepts plain objects from another realm and objects without a prototype', async () => {
    const { runInNewContext } = await import('node:vm');
    const foreign = runInNewContext('({ b: [1, { c: true }], a: "x" })');
    expect(canonicalJson(foreign)).toBe('{"a":"x","b":[1,{"c":true}]}');
    const bare = Object.assign(Object.create(null), { z: 1, y: 2 });
    expect(canonicalJson(bare)).toBe('{"y":2,"z":1}');
    class Declaration {
      id = 'D-1';
    }
    expect(() => canonicalJson(new Declaration())).toThrow(/\$ is a Declaration object/);
  });
});
