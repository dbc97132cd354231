import { ContainerNumber, DomainError } from '@corridor/domain';
import { describe, expect, it } from 'vitest';
import { crossCheckDocuments } from '../model/cross-check';
import { parseDeclaration } from '../model/declaration';
import { generateDeclaration, generateDeclarations, generateLabelledDeclarations, iterateDeclarations, syntheticRandom } from './generate-declarations';

/** What the API receives: JSON, not the generator's objects. */
const overTheWire = (body: unknown) => parseDeclaration(JSON.parse(JSON.stringify(body)));

describe('generateDeclarations', () => {
  it('produces bodies that parseDeclaration accepts, for every type and several offices', () => {
    const bodies = [
      ...generateDeclarations({ seed: 1, count: 600 }),
      ...generateDeclarations({ seed: 2, count: 100, office: 'USLRD', containerShare: 1 }),
      ...generateDeclarations({ seed: 3, count: 100, office: 'CAWND', trustedShare: 1 }),
      ...generateDeclarations({ seed: 4, count: 50, type: 'EX' }),
      ...generateDeclarations({ seed: 5, count: 50, type: 'TR' }),
    ];
    for (const body of bodies) expect(() => overTheWire(body)).not.toThrow();
    expect(new Set(bodies.map((b) => b.type))).toEqual(new Set(['IM', 'EX', 'TR']));
    for (const c of bodies.flatMap((b) => b.containers ?? [])) expect(ContainerNumber.parse(c).value).toBe(c);
  });

  it('gives the same declarations for the same seed, a prefix for a shorter run, and others for another seed', () => {
    const a = generateDeclarations({ seed: 42, count: 50 });
    expect(generateDeclarations({ seed: 42, count: 50 })).toEqual(a);
    expect(generateDeclarations({ seed: 42, count: 20 })).toEqual(a.slice(0, 20));
    const b = generateDeclarations({ seed: 43, count: 50 });
    expect(b.filter((d, i) => JSON.stringify(d) === JSON.stringify(a[i]))).toHaveLength(0);
  });

  it('plants discrepancies at about the requested rate and crossCheckDocuments finds every one', () => {
    const labelled = generateLabelledDeclarations({ seed: 7, count: 2000 });
    const planted = labelled.filter((l) => l.planted);
    // Binomial(2000, 0.05): mean 100, sd 9.7; +-3.5 sd.
    expect(planted.length).toBeGreaterThanOrEqual(66);
    expect(planted.length).toBeLessThanOrEqual(134);
    expect(new Set(planted.map((l) => l.planted?.kind))).toEqual(new Set(['value', 'hsCode', 'mass', 'partyName']));
    for (const { declaration, planted: p } of labelled) {
      const found = crossCheckDocuments(overTheWire(declaration));
      if (p) expect(found, p.note).toContainEqual(expect.objectContaining({ field: p.field, document: p.document }));
      else expect(found).toEqual([]);
    }
  });

  it('honours other discrepancy rates, including none', () => {
    const half = generateLabelledDeclarations({ seed: 8, count: 400, discrepancyRate: 0.5 }).filter((l) => l.planted).length;
    expect(half).toBeGreaterThan(160);
    expect(half).toBeLessThan(240);
    const none = generateDeclarations({ seed: 8, count: 400, discrepancyRate: 0 });
    expect(none.filter((d) => crossCheckDocuments(overTheWire(d)).length > 0)).toHaveLength(0);
  });

  it('uses the forced plate, transponder and carrier of the truck the simulator lodges for', () => {
    const conveyance = { plate: { jurisdiction: 'ca-on', number: 'ab12 345' }, transponder: '3034257bf7194e4000001a85', carrierId: 'CA555000111' };
    for (const body of generateDeclarations({ seed: 9, count: 30, conveyance })) {
      expect(overTheWire(body).conveyance).toEqual({ mode: 'road', plate: { jurisdiction: 'CA-ON', number: 'AB12345' }, transponder: '3034257BF7194E4000001A85', carrierId: 'CA555000111' });
    }
    const plateOnly = generateDeclarations({ seed: 9, count: 30, trustedShare: 1, conveyance: { plate: { jurisdiction: 'US-MI', number: 'XY 1234' } } });
    expect(plateOnly.every((b) => b.conveyance.plate?.number === 'XY1234' && b.conveyance.transponder === undefined)).toBe(true);
    const noTag = generateDeclarations({ seed: 9, count: 30, trustedShare: 1, conveyance: { transponder: null } });
    expect(noTag.every((b) => b.conveyance.transponder === undefined && b.conveyance.plate !== undefined)).toBe(true);
  });

  it('gives trusted carriers transponders and keeps each truck on one plate', () => {
    const trusted = generateDeclarations({ seed: 10, count: 300, trustedShare: 1 });
    expect(trusted.every((b) => /^[0-9A-F]{24}$/.test(b.conveyance.transponder ?? ''))).toBe(true);
    const plateOf = new Map<string, string>();
    for (const b of trusted) {
      const plate = `${b.conveyance.plate?.jurisdiction}:${b.conveyance.plate?.number}`;
      expect(plateOf.get(b.conveyance.transponder as string) ?? plate).toBe(plate);
      plateOf.set(b.conveyance.transponder as string, plate);
    }
    expect(generateDeclarations({ seed: 10, count: 300, trustedShare: 0 }).some((b) => b.conveyance.transponder)).toBe(false);
  });

  it('generates 999 goods items when asked, still matching its documents', () => {
    const [body] = generateDeclarations({ seed: 11, count: 1, items: 999, discrepancyRate: 0 });
    const data = overTheWire(body);
    expect(data.items).toHaveLength(999);
    expect(crossCheckDocuments(data)).toEqual([]);
    expect(JSON.stringify(body).length).toBeLessThan(1_000_000); // under the API's 1 MB body limit
  });

  it('keeps most declarations small and spreads arrivals over the day from start', () => {
    const start = new Date('2027-03-01T06:00:00Z');
    const bodies = generateDeclarations({ seed: 12, count: 1000, start, spreadHours: 12 });
    const counts = bodies.map((b) => b.items.length);
    expect(counts.filter((n) => n <= 12).length).toBeGreaterThan(950);
    expect(Math.max(...counts)).toBeLessThanOrEqual(40);
    const times = bodies.map((b) => Date.parse(b.expectedArrival) - start.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...times)).toBeLessThan(12 * 3_600_000);
    expect(times.filter((t) => t < 6 * 3_600_000).length).toBeGreaterThan(300);
  });

  it('draws parties from a stable pool where some importers use several phones', () => {
    const bodies = generateDeclarations({ seed: 13, count: 2000 });
    const phones = new Map<string, Set<string>>();
    for (const b of bodies) phones.set(b.importer?.id as string, (phones.get(b.importer?.id as string) ?? new Set()).add(b.importer?.phone as string));
    expect(phones.size).toBeLessThan(200);
    expect([...phones.values()].some((set) => set.size >= 3)).toBe(true);
  });

  it('rejects options it cannot honour with the reason', () => {
    expect(() => generateDeclarations({ seed: 1, count: 1, items: 1000 })).toThrow(/items must be whole numbers from 1 to 999/);
    expect(() => generateDeclarations({ seed: 1, count: 1, discrepancyRate: 2 })).toThrow(/discrepancyRate must be from 0 to 1/);
    expect(() => generateDeclarations({ seed: 1.5, count: 1 })).toThrow(/seed must be a safe integer/);
    expect(() => generateDeclarations({ seed: 1, count: 1, office: 'XXDET' })).toThrow(DomainError);
    expect(() => generateDeclarations({ seed: 1, count: 1, conveyance: { transponder: 'ABC' } })).toThrow(/24 hex digits/);
  });
});

describe('generateDeclaration', () => {
  it('draws one declaration from a seed, a function or a stream with random()', () => {
    const stream = syntheticRandom(5);
    const fromStream = generateDeclaration({ random: () => stream.random() });
    const again = syntheticRandom(5);
    expect(generateDeclaration(() => again.random())).toEqual(fromStream);
    expect(generateDeclaration(5)).toEqual(generateDeclaration(5));
    expect(() => overTheWire(fromStream)).not.toThrow();
  });

  it('shares the party pool between calls with the same pool seed', () => {
    const stream = syntheticRandom(6);
    const importers = new Set(Array.from({ length: 400 }, () => generateDeclaration({ random: () => stream.random() }).importer?.id));
    expect(importers.size).toBeLessThan(120);
    const first = iterateDeclarations({ seed: 6, count: 1, poolSeed: 0 }).next().value?.declaration;
    expect(first).toEqual(generateDeclaration(6, { poolSeed: 0 }));
  });
});
