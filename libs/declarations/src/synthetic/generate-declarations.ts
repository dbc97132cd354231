import { iso6346CheckDigit, LicencePlate, RfidEpc, TraderId, UnLocode } from '@corridor/domain';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { sameName } from '../model/cross-check';
import { MAX_ITEMS, type Address, type BillOfLading, type DeclarationData, type DeclarationType, type GoodsItem, type Invoice, type PackingList, type Party, type Plate } from '../model/declaration';

/**
 * Seeded synthetic declarations for tests, demos and the simulator: road consignments across a
 * land border (Detroit-Windsor by default), with a stable pool of importers, exporters, brokers
 * and carriers (fleets with fixed plates and, for trusted carriers, RFID transponders), goods
 * drawn from a land-border HS mix with matching descriptions, units, unit values and masses,
 * and supporting documents that agree with the declaration except for a configurable share
 * carrying one planted discrepancy that `crossCheckDocuments` finds.
 *
 * The same seed and options always give the same declarations, and a shorter run is a prefix
 * of a longer one. Every body passes `parseDeclaration`.
 */

// ---------------------------------------------------------------------------------------------
// Public API

/** A uniform [0, 1) source: a seed, a function, or an object with `random()` (the simulator's RandomStream fits). */
export type RandomLike = number | (() => number) | { random(): number };

export type DiscrepancyKind = 'value' | 'hsCode' | 'mass' | 'partyName';

/** What was planted, named as `crossCheckDocuments` reports it (`field` and `document`). */
export interface PlantedDiscrepancy {
  kind: DiscrepancyKind;
  field: string;
  document: 'invoice' | 'packingList' | 'billOfLading';
  /** Human-readable account of the change, e.g. "declared 41200.00 USD, invoiced 86400.00 USD". */
  note: string;
}

export interface SyntheticDeclaration {
  declaration: DeclarationData;
  /** Absent for a clean declaration (documents agree with it). */
  planted?: PlantedDiscrepancy;
}

export interface SyntheticDeclarationOptions {
  /** Office of entry (UN/LOCODE). Default USDET; the office's country is the importing country. */
  office?: string;
  /** Earliest expected arrival. Default 2026-11-25T00:00:00Z. */
  start?: Date;
  /** Expected arrivals fall in [start, start + spreadHours), following a daytime traffic profile. Default 24. */
  spreadHours?: number;
  /** Force the declaration type; by default 88% IM, 8% TR, 4% EX. */
  type?: DeclarationType;
  /** Share of declarations carrying one planted document discrepancy. Default 0.05. */
  discrepancyRate?: number;
  /** Share of consignments moved by trusted carriers, whose trucks carry an RFID transponder. Default 0.3. */
  trustedShare?: number;
  /** Share of consignments in an intermodal container (ISO 6346 numbers with valid check digits). Default 0.2. */
  containerShare?: number;
  /** Goods items per declaration: an exact count (1-999) or a range; by default 1-12, occasionally up to 40. */
  items?: number | { min: number; max: number };
  /**
   * Force conveyance fields (the simulator lodges for specific trucks). A forced plate comes
   * without a transponder unless one is given; `transponder: null` forces none.
   */
  conveyance?: { plate?: Plate; transponder?: string | null; carrierId?: string };
  /**
   * Seed of the trader, carrier and fleet pool. Defaults to `seed` in generateDeclarations and
   * when a number is passed to generateDeclaration, else 0: declarations drawn one by one from
   * any random source share one pool unless told otherwise.
   */
  poolSeed?: number;
}

export interface GenerateDeclarationsOptions extends SyntheticDeclarationOptions {
  seed: number;
  count: number;
}

/** `count` request bodies for POST /api/declarations. */
export function generateDeclarations(options: GenerateDeclarationsOptions): DeclarationData[] {
  return Array.from(iterateDeclarations(options), (d) => d.declaration);
}

/** As generateDeclarations, with what was planted in each (the ground truth for tests and risk demos). */
export function generateLabelledDeclarations(options: GenerateDeclarationsOptions): SyntheticDeclaration[] {
  return Array.from(iterateDeclarations(options));
}

/** Lazily, one at a time: for streams too long to hold (the CLI). */
export function* iterateDeclarations(options: GenerateDeclarationsOptions): Generator<SyntheticDeclaration> {
  if (!Number.isInteger(options.count) || options.count < 0) throw new RangeError(`count must be a whole number >= 0, got ${options.count}`);
  const settings = resolve(options, options.poolSeed ?? checkSeed(options.seed));
  const draw = new Draw(uniformOf(options.seed));
  for (let i = 0; i < options.count; i++) yield generate(draw, settings);
}

/** One request body drawn from `random` (a seed, a function or an object with `random()`). */
export function generateDeclaration(random: RandomLike, options: SyntheticDeclarationOptions = {}): DeclarationData {
  return generateLabelledDeclaration(random, options).declaration;
}

export function generateLabelledDeclaration(random: RandomLike, options: SyntheticDeclarationOptions = {}): SyntheticDeclaration {
  const poolSeed = options.poolSeed ?? (typeof random === 'number' ? checkSeed(random) : 0);
  return generate(new Draw(uniformOf(random)), resolve(options, poolSeed));
}

/** A seeded uniform [0, 1) source (xoroshiro128+, 53 bits per draw). */
export function syntheticRandom(seed: number): { random(): number } {
  checkSeed(seed);
  // Fold the high bits in so seeds 2^32 apart differ.
  const g = xoroshiro128plus((seed ^ Math.floor(seed / 2 ** 32)) | 0);
  return {
    random: () => {
      const a = g.next() >>> 5;
      const b = g.next() >>> 6;
      return (a * 67_108_864 + b) / 9_007_199_254_740_992;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Random draws

class Draw {
  constructor(private readonly u: () => number) {}

  float(): number { return this.u(); }
  chance(p: number): boolean { return this.u() < p; }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number { return lo + Math.floor(this.u() * (hi - lo + 1)); }
  between(lo: number, hi: number): number { return lo + (hi - lo) * this.u(); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.u() * items.length)]; }
  logUniform(lo: number, hi: number): number { return Math.exp(this.between(Math.log(lo), Math.log(hi))); }
  /** Median 1, log-normal spread sigma. */
  spread(sigma: number): number {
    const u = 1 - this.u();
    const v = this.u();
    return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += weight(item);
    let x = this.u() * total;
    for (const item of items) {
      x -= weight(item);
      if (x < 0) return item;
    }
    return items[items.length - 1];
  }
  key<K extends string>(weights: Readonly<Record<K, number>>): K {
    return this.weighted(Object.keys(weights) as K[], (k) => weights[k]);
  }
  /** Fills a template: `#` a digit, `^` a digit 1-9, `@` a letter, `%` an upper-case hex digit; anything else is kept. */
  fill(template: string): string {
    let out = '';
    for (const ch of template) {
      if (ch === '#') out += String(this.int(0, 9));
      else if (ch === '^') out += String(this.int(1, 9));
      else if (ch === '@') out += LETTERS[this.int(0, 25)];
      else if (ch === '%') out += HEX[this.int(0, 15)];
      else out += ch;
    }
    return out;
  }
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789ABCDEF';

function uniformOf(random: RandomLike): () => number {
  if (typeof random === 'number') {
    const source = syntheticRandom(random);
    return () => source.random();
  }
  if (typeof random === 'function') return random;
  return () => random.random();
}

function checkSeed(seed: number): number {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  return seed;
}

// ---------------------------------------------------------------------------------------------
// Goods catalogue: a land-border mix (auto parts and machinery dominate, as at Detroit-Windsor)

type Unit = 'kg' | 'l' | 'pcs' | 'pairs' | 'm' | 'm2' | 'm3' | 'dozen';
type Family = 'auto' | 'machinery' | 'electrical' | 'plastics' | 'produce' | 'furniture' | 'steel' | 'wood' | 'food' | 'apparel' | 'chemicals' | 'vehicles' | 'medical';

interface Product {
  hs: string;
  description: string;
  unit: Unit;
  /** Typical customs value per unit of quantity, USD. */
  usd: number;
  /** Net kg per unit of quantity. */
  kg: number;
}

interface FamilySpec {
  weight: number;
  /** Gross / net, as a range: packaging, crates, pallets. */
  packing: readonly [number, number];
  /** Gross kg per package (pallet, crate, coil, bundle, vehicle). */
  packageKg: number;
  nouns: readonly string[];
  /** Spanish trade nouns for Mexican company names. */
  nounsEs: readonly string[];
  origins: Readonly<Record<string, number>>;
  products: readonly Product[];
}

const p = (hs: string, description: string, unit: Unit, usd: number, kg: number): Product => ({ hs, description, unit, usd, kg });

const MANUFACTURED = { CA: 30, US: 14, MX: 16, CN: 15, DE: 6, JP: 6, KR: 4, TW: 2, IT: 2, VN: 2, IN: 2, GB: 1 } as const;

const FAMILIES: Readonly<Record<Family, FamilySpec>> = {
  auto: {
    weight: 22, packing: [1.06, 1.14], packageKg: 650,
    nouns: ['Auto Parts', 'Automotive Components', 'Precision Castings', 'Drivetrain Systems', 'Stampings', 'Automotive Supply'],
    nounsEs: ['Autopartes', 'Componentes Automotrices', 'Fundiciones'],
    origins: MANUFACTURED,
    products: [
      p('8708.30.50', 'Brake drums for motor vehicles, cast iron', 'pcs', 180, 19),
      p('8708.30.50', 'Disc brake calipers, remanufactured', 'pcs', 62, 4.2),
      p('8708.99.81', 'Suspension control arms', 'pcs', 85, 6.5),
      p('8708.40.75', 'Automatic transmission assemblies for passenger vehicles', 'pcs', 1450, 85),
      p('8708.50.99', 'Drive axles with differential', 'pcs', 900, 120),
      p('8708.29.50', 'Body stampings (door panels) for passenger vehicles', 'pcs', 140, 12),
      p('8708.10.60', 'Bumper fascias and reinforcements', 'pcs', 95, 8),
      p('8708.80.65', 'Shock absorbers for suspension systems', 'pcs', 38, 2.4),
      p('8708.91.75', 'Radiators for motor vehicles', 'pcs', 120, 7),
      p('8708.94.75', 'Steering columns and steering gear boxes', 'pcs', 160, 9),
      p('8708.70.45', 'Road wheels of aluminium alloy', 'pcs', 110, 11),
      p('8409.91.99', 'Cylinder heads for spark-ignition engines', 'pcs', 320, 18),
      p('8407.34.48', 'Spark-ignition engines over 1000 cc for vehicles of chapter 87', 'pcs', 3200, 160),
      p('8483.40.50', 'Gear assemblies and ball screws', 'pcs', 210, 15),
      p('4011.10.10', 'New pneumatic radial tyres for passenger cars', 'pcs', 75, 9.5),
      p('8512.20.40', 'Headlamp assemblies for motor vehicles', 'pcs', 95, 3),
      p('8544.30.00', 'Ignition wiring harnesses for vehicles', 'pcs', 65, 2.5),
      p('9401.20.00', 'Seats of a kind used for motor vehicles', 'pcs', 260, 22),
    ],
  },
  machinery: {
    weight: 13, packing: [1.08, 1.18], packageKg: 700,
    nouns: ['Machinery', 'Industrial Equipment', 'Hydraulics', 'Tooling', 'Machine Works'],
    nounsEs: ['Maquinaria', 'Equipos Industriales'],
    origins: MANUFACTURED,
    products: [
      p('8421.23.00', 'Oil or fuel filters for internal combustion engines', 'pcs', 6, 0.4),
      p('8413.30.90', 'Fuel, lubricating and cooling pumps for engines', 'pcs', 75, 3),
      p('8414.30.80', 'Compressors for refrigerating equipment', 'pcs', 240, 14),
      p('8418.69.01', 'Commercial refrigerating and freezing equipment', 'pcs', 2800, 450),
      p('8429.51.10', 'Front-end shovel loaders, wheeled', 'pcs', 140_000, 12_000),
      p('8443.32.10', 'Laser printers, connectable to computers', 'pcs', 180, 9),
      p('8471.30.01', 'Portable computers (laptops)', 'pcs', 650, 2.2),
      p('8471.50.01', 'Server processing units', 'pcs', 4200, 25),
      p('8481.80.90', 'Industrial valves of iron or steel', 'pcs', 45, 2),
      p('8482.10.50', 'Radial ball bearings', 'pcs', 4.5, 0.35),
      p('8450.11.00', 'Household washing machines, front-loading', 'pcs', 420, 70),
      p('8467.21.00', 'Electric hand drills', 'pcs', 55, 2),
      p('8477.10.90', 'Injection-moulding machines for plastics', 'pcs', 95_000, 9500),
      p('8431.49.90', 'Parts of excavators and loaders', 'kg', 6, 1),
    ],
  },
  electrical: {
    weight: 12, packing: [1.08, 1.2], packageKg: 420,
    nouns: ['Electric', 'Electronics', 'Power Systems', 'Controls', 'Technologies'],
    nounsEs: ['Eléctricos', 'Electrónica'],
    origins: { ...MANUFACTURED, CN: 24, MX: 20, TW: 5, KR: 6, VN: 4 },
    products: [
      p('8501.52.40', 'AC motors, multi-phase, 750 W to 75 kW', 'pcs', 380, 28),
      p('8504.40.95', 'Static converters (power supplies)', 'pcs', 42, 1.1),
      p('8507.60.00', 'Lithium-ion battery modules for electric vehicles', 'pcs', 1100, 32),
      p('8517.13.00', 'Smartphones', 'pcs', 310, 0.35),
      p('8517.62.00', 'Network routers and switches', 'pcs', 190, 1.8),
      p('8528.72.64', 'Colour television receivers, LCD, over 35.6 cm', 'pcs', 280, 14),
      p('8536.50.90', 'Switches for voltages not exceeding 1000 V', 'pcs', 3.2, 0.08),
      p('8537.10.91', 'Programmable logic controllers', 'pcs', 640, 2.5),
      p('8541.43.00', 'Photovoltaic modules', 'pcs', 95, 21),
      p('8544.49.20', 'Insulated copper conductors, not fitted with connectors', 'm', 1.8, 0.12),
      p('8516.50.00', 'Microwave ovens', 'pcs', 75, 13),
      p('8542.31.00', 'Processors and controllers (integrated circuits)', 'pcs', 14, 0.02),
    ],
  },
  plastics: {
    weight: 8, packing: [1.02, 1.06], packageKg: 1000,
    nouns: ['Polymers', 'Plastics', 'Packaging', 'Resins', 'Moulding'],
    nounsEs: ['Plásticos', 'Polímeros', 'Empaques'],
    origins: { CA: 30, US: 25, MX: 15, CN: 12, KR: 5, DE: 4, TW: 3, IN: 2 },
    products: [
      p('3901.10.10', 'Polyethylene with a specific gravity below 0.94, in pellets', 'kg', 1.45, 1),
      p('3902.10.00', 'Polypropylene in primary forms', 'kg', 1.35, 1),
      p('3907.61.00', 'PET resin, viscosity number 78 ml/g or higher', 'kg', 1.25, 1),
      p('3920.10.00', 'Polyethylene film and sheets, not reinforced', 'kg', 2.6, 1),
      p('3923.30.00', 'Plastic bottles and preforms', 'pcs', 0.09, 0.025),
      p('3926.90.99', 'Moulded plastic parts', 'kg', 6, 1),
      p('3917.32.00', 'Plastic tubes and hoses, not reinforced', 'm', 1.1, 0.15),
    ],
  },
  produce: {
    weight: 9, packing: [1.08, 1.16], packageKg: 900,
    nouns: ['Produce', 'Fresh Farms', 'Growers', 'Fruit Distributors', 'Harvest'],
    nounsEs: ['Agrícola', 'Hortalizas', 'Frutas'],
    origins: { MX: 45, US: 18, CA: 14, GT: 5, PE: 5, CL: 5, CR: 4, CO: 2, NL: 2 },
    products: [
      p('0702.00.20', 'Fresh tomatoes', 'kg', 1.3, 1),
      p('0709.60.00', 'Fresh sweet peppers (Capsicum)', 'kg', 1.6, 1),
      p('0804.40.00', 'Fresh Hass avocados', 'kg', 2.6, 1),
      p('0810.10.20', 'Fresh strawberries', 'kg', 3.1, 1),
      p('0810.40.00', 'Fresh blueberries', 'kg', 5.5, 1),
      p('0808.10.00', 'Fresh apples', 'kg', 1.1, 1),
      p('0701.90.50', 'Potatoes, fresh or chilled', 'kg', 0.45, 1),
      p('0707.00.50', 'Fresh cucumbers', 'kg', 0.9, 1),
      p('0805.50.20', 'Fresh limes', 'kg', 1.2, 1),
      p('0713.10.40', 'Dried peas, shelled', 'kg', 0.5, 1),
    ],
  },
  furniture: {
    weight: 6, packing: [1.1, 1.25], packageKg: 380,
    nouns: ['Furniture', 'Interiors', 'Woodworks', 'Office Systems', 'Home Furnishings'],
    nounsEs: ['Muebles', 'Mobiliario'],
    origins: { CA: 25, US: 15, MX: 18, CN: 20, VN: 12, IT: 4, MY: 3, PL: 3 },
    products: [
      p('9403.30.80', 'Wooden office furniture (desks and credenzas)', 'pcs', 180, 32),
      p('9403.60.80', 'Wooden dining room furniture', 'pcs', 240, 38),
      p('9401.61.60', 'Upholstered seats with wooden frames', 'pcs', 310, 35),
      p('9403.20.00', 'Metal furniture (steel shelving units)', 'pcs', 95, 24),
      p('9404.21.00', 'Mattresses of cellular plastics', 'pcs', 160, 25),
      p('9405.11.60', 'LED ceiling luminaires', 'pcs', 28, 1.2),
    ],
  },
  steel: {
    weight: 9, packing: [1.005, 1.02], packageKg: 4500,
    nouns: ['Steel', 'Metals', 'Tube & Pipe', 'Fabricators', 'Aluminum'],
    nounsEs: ['Aceros', 'Metales'],
    origins: { CA: 38, US: 20, MX: 18, KR: 6, JP: 5, DE: 4, BR: 4, IN: 3, CN: 2 },
    products: [
      p('7208.51.00', 'Hot-rolled steel plate, over 10 mm thick', 'kg', 0.95, 1),
      p('7209.16.00', 'Cold-rolled steel coils, 1 mm to 3 mm', 'kg', 1.05, 1),
      p('7210.49.00', 'Galvanised flat-rolled steel', 'kg', 1.15, 1),
      p('7214.20.00', 'Steel reinforcing bars (rebar)', 'kg', 0.75, 1),
      p('7306.30.50', 'Welded steel tubes of circular cross-section', 'kg', 1.3, 1),
      p('7308.90.95', 'Fabricated structural steel parts', 'kg', 2.4, 1),
      p('7318.15.20', 'Steel bolts and screws with nuts', 'kg', 3.2, 1),
      p('7326.90.86', 'Other articles of iron or steel', 'kg', 4, 1),
      p('7601.10.60', 'Unwrought aluminium, not alloyed', 'kg', 2.6, 1),
      p('7604.29.10', 'Aluminium alloy bars and profiles', 'kg', 4.2, 1),
    ],
  },
  wood: {
    weight: 6, packing: [1.01, 1.05], packageKg: 1800,
    nouns: ['Lumber', 'Forest Products', 'Paper', 'Timber', 'Containerboard'],
    nounsEs: ['Maderas', 'Papeles'],
    origins: { CA: 60, US: 25, MX: 5, BR: 3, CL: 4, SE: 3 },
    products: [
      p('4407.11.00', 'Softwood lumber of pine, sawn lengthwise', 'm3', 420, 480),
      p('4418.20.80', 'Wooden doors and their frames', 'pcs', 130, 28),
      p('4819.10.00', 'Cartons and boxes of corrugated paperboard', 'kg', 1.4, 1),
      p('4802.56.70', 'Uncoated printing paper in sheets', 'kg', 1.1, 1),
      p('4703.21.00', 'Bleached softwood kraft pulp', 'kg', 0.8, 1),
    ],
  },
  food: {
    weight: 6, packing: [1.06, 1.18], packageKg: 800,
    nouns: ['Foods', 'Provisions', 'Beverage', 'Meats', 'Bakeries'],
    nounsEs: ['Alimentos', 'Cárnicos', 'Bebidas'],
    origins: { US: 30, CA: 30, MX: 28, IT: 4, FR: 3, BR: 3, DE: 2 },
    products: [
      p('2203.00.00', 'Beer made from malt, in bottles', 'l', 1.6, 1.2),
      p('2204.21.50', 'Still wine in containers of 2 l or less', 'l', 6, 1.4),
      p('1905.90.10', 'Bread, pastry and biscuits', 'kg', 4.5, 1),
      p('0203.19.40', 'Fresh pork cuts, chilled', 'kg', 4.2, 1),
      p('0201.30.00', 'Fresh boneless beef, chilled', 'kg', 9.5, 1),
      p('1507.90.40', 'Refined soybean oil', 'kg', 1.2, 1),
      p('1701.99.10', 'Refined cane sugar', 'kg', 0.9, 1),
    ],
  },
  apparel: {
    weight: 3, packing: [1.05, 1.12], packageKg: 300,
    nouns: ['Apparel', 'Textiles', 'Footwear', 'Garments', 'Outfitters'],
    nounsEs: ['Textiles', 'Confecciones'],
    origins: { MX: 25, CN: 25, VN: 15, BD: 8, CA: 8, US: 6, IN: 6, IT: 4, KH: 3 },
    products: [
      p('6109.10.00', 'Cotton T-shirts, knitted', 'dozen', 38, 2.4),
      p('6203.42.40', "Men's cotton trousers", 'pcs', 14, 0.6),
      p('6403.99.90', 'Footwear with leather uppers', 'pairs', 32, 1.1),
      p('5208.52.40', 'Printed plain-weave cotton fabric', 'm2', 3.2, 0.15),
    ],
  },
  chemicals: {
    weight: 4, packing: [1.05, 1.12], packageKg: 900,
    nouns: ['Chemicals', 'Coatings', 'Laboratories', 'Specialty Chemicals'],
    nounsEs: ['Químicos', 'Recubrimientos'],
    origins: { US: 30, CA: 25, DE: 15, MX: 12, CN: 8, JP: 4, IN: 4, BE: 2 },
    products: [
      p('3004.90.92', 'Medicaments in measured doses, for retail sale', 'kg', 120, 1),
      p('3208.20.00', 'Acrylic paints and varnishes in a non-aqueous medium', 'kg', 3.8, 1),
      p('3824.99.92', 'Chemical preparations of the chemical industry', 'kg', 2.9, 1),
      p('3402.50.11', 'Detergent preparations put up for retail sale', 'kg', 1.5, 1),
    ],
  },
  vehicles: {
    weight: 1, packing: [1, 1.005], packageKg: 2500,
    nouns: ['Motors', 'Trucks', 'Fleet Sales', 'Trailers'],
    nounsEs: ['Automotriz', 'Camiones'],
    origins: { CA: 35, MX: 35, US: 20, JP: 5, DE: 5 },
    products: [
      p('8703.80.00', 'Electric passenger vehicles, new', 'pcs', 38_000, 2100),
      p('8704.21.00', 'Pickup trucks, diesel, gross vehicle weight 5 t or less', 'pcs', 32_000, 2400),
      p('8716.39.00', 'Semi-trailers for the transport of goods', 'pcs', 28_000, 6500),
    ],
  },
  medical: {
    weight: 1, packing: [1.1, 1.3], packageKg: 250,
    nouns: ['Medical', 'Health Supplies', 'Surgical', 'Life Sciences'],
    nounsEs: ['Médica', 'Insumos Médicos'],
    origins: { US: 30, MX: 25, CA: 12, IE: 8, DE: 8, CN: 8, CR: 5, MY: 4 },
    products: [
      p('9018.39.00', 'Catheters, cannulae and needles', 'pcs', 1.8, 0.02),
      p('9021.10.00', 'Orthopaedic appliances', 'pcs', 45, 0.8),
      p('9018.90.80', 'Medical instruments and appliances', 'pcs', 260, 3.5),
    ],
  },
};

const FAMILY_KEYS = Object.keys(FAMILIES) as Family[];

/** Commercial trucks per hour of day (UTC hours of the arrival), relative. */
const HOURLY_TRAFFIC = [1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 7, 7, 8, 8, 8, 7, 6, 5, 4, 3, 2, 2, 1];
const MAX_HOURLY = Math.max(...HOURLY_TRAFFIC);

const INCOTERM_WEIGHTS = { DAP: 40, FCA: 20, EXW: 10, DDP: 10, CPT: 8, FOB: 7, CIP: 5 } as const;
const USD_RATE: Readonly<Record<string, number>> = { USD: 1, CAD: 1.37, MXN: 18.2, EUR: 0.92 };
const CONTAINER_OWNERS = ['MSKU', 'MSCU', 'CMAU', 'HLXU', 'OOLU', 'TGHU', 'TCNU', 'CSQU', 'APZU', 'EGHU', 'CAIU', 'TRHU'];

// ---------------------------------------------------------------------------------------------
// Places and parties

interface City { city: string; region?: string; postcode: string; area: string }

interface CountrySpec {
  cities: readonly City[];
  streets: readonly string[];
  /** Street line template; `{s}` is the street name. */
  streetLine: string;
  id: string;
  phone: string;
  currency: string;
  prefixes: readonly string[];
  style: 'en' | 'es' | 'de' | 'it' | 'asia';
  legal: readonly string[];
  plates?: Readonly<Record<string, number>>;
}

const US_STREETS = ['Michigan Ave', 'Industrial Pkwy', 'Commerce Dr', 'Van Dyke Ave', 'Mound Rd', 'Telegraph Rd', 'Logistics Way', 'Enterprise Dr', 'Technology Dr', 'Fort St', 'Jefferson Ave', 'Airport Rd', 'Distribution Blvd', 'Corporate Dr'];
const CA_STREETS = ['Huron Church Rd', 'Tecumseh Rd E', 'Walker Rd', 'Eureka Rd', 'Dixie Rd', 'Steeles Ave W', 'Airport Rd', 'Harbour St', 'Industrial Pkwy N', 'Service Rd', 'Boul. Industriel', 'Rue Sherbrooke E'];
const ES_STREETS = ['Av. Industrial', 'Blvd. Constitución', 'Av. Ruiz Cortines', 'Carretera Miguel Alemán km', 'Av. Universidad', 'Calle Hidalgo', 'Blvd. Isidro López Zertuche', 'Av. Tecnológico'];

const COUNTRIES: Readonly<Record<string, CountrySpec>> = {
  US: {
    cities: [
      { city: 'Detroit', region: 'MI', postcode: '482##', area: '313' }, { city: 'Warren', region: 'MI', postcode: '4809#', area: '586' },
      { city: 'Dearborn', region: 'MI', postcode: '4812#', area: '313' }, { city: 'Troy', region: 'MI', postcode: '4808#', area: '248' },
      { city: 'Auburn Hills', region: 'MI', postcode: '48326', area: '248' }, { city: 'Grand Rapids', region: 'MI', postcode: '495##', area: '616' },
      { city: 'Toledo', region: 'OH', postcode: '436##', area: '419' }, { city: 'Columbus', region: 'OH', postcode: '432##', area: '614' },
      { city: 'Cleveland', region: 'OH', postcode: '441##', area: '216' }, { city: 'Chicago', region: 'IL', postcode: '606##', area: '312' },
      { city: 'Indianapolis', region: 'IN', postcode: '462##', area: '317' }, { city: 'Pittsburgh', region: 'PA', postcode: '152##', area: '412' },
      { city: 'Buffalo', region: 'NY', postcode: '142##', area: '716' }, { city: 'Louisville', region: 'KY', postcode: '402##', area: '502' },
      { city: 'Nashville', region: 'TN', postcode: '372##', area: '615' }, { city: 'Laredo', region: 'TX', postcode: '7804#', area: '956' },
      { city: 'San Antonio', region: 'TX', postcode: '782##', area: '210' }, { city: 'Dallas', region: 'TX', postcode: '752##', area: '214' },
    ],
    streets: US_STREETS, streetLine: '^### {s}', id: 'US#########', phone: '+1 {a} 555 ####', currency: 'USD', style: 'en',
    prefixes: ['Great Lakes', 'Midwest', 'Motor City', 'Lakeshore', 'Heartland', 'Buckeye', 'Wolverine', 'Keystone', 'Prairie', 'Riverside', 'Summit', 'Liberty', 'Pioneer', 'Allied', 'Continental', 'Northstar', 'Eagle', 'Huron', 'Erie', 'Superior', 'Lone Star', 'Tri-State', 'Gateway', 'American'],
    legal: ['Inc', 'LLC', 'Corp', 'Co'],
    plates: { 'US-MI': 40, 'US-OH': 25, 'US-IN': 10, 'US-IL': 10, 'US-PA': 8, 'US-NY': 7, 'US-TX': 6 },
  },
  CA: {
    cities: [
      { city: 'Windsor', region: 'ON', postcode: 'N9@ #@#', area: '519' }, { city: 'Toronto', region: 'ON', postcode: 'M5@ #@#', area: '416' },
      { city: 'Mississauga', region: 'ON', postcode: 'L5T #@#', area: '905' }, { city: 'Brampton', region: 'ON', postcode: 'L6T #@#', area: '905' },
      { city: 'Oshawa', region: 'ON', postcode: 'L1H #@#', area: '905' }, { city: 'London', region: 'ON', postcode: 'N6@ #@#', area: '519' },
      { city: 'Hamilton', region: 'ON', postcode: 'L8L #@#', area: '905' }, { city: 'Cambridge', region: 'ON', postcode: 'N1R #@#', area: '519' },
      { city: 'Vaughan', region: 'ON', postcode: 'L4K #@#', area: '905' }, { city: 'Montreal', region: 'QC', postcode: 'H3B #@#', area: '514' },
      { city: 'Laval', region: 'QC', postcode: 'H7L #@#', area: '450' }, { city: 'Quebec', region: 'QC', postcode: 'G1K #@#', area: '418' },
    ],
    streets: CA_STREETS, streetLine: '^### {s}', id: 'CA#########RM0001', phone: '+1 {a} 555 ####', currency: 'CAD', style: 'en',
    prefixes: ['Windsor', 'Maple', 'Northern', 'Laurentian', 'Ontario', 'Essex', 'Niagara', 'Dominion', 'Boreal', 'Algonquin', 'St. Lawrence', 'Huronia', 'Polar', 'Cascade', 'Trillium', 'Georgian', 'Kent', 'Caledon'],
    legal: ['Ltd', 'Inc', 'Corp', 'Ltée'],
    plates: { 'CA-ON': 75, 'CA-QC': 25 },
  },
  MX: {
    cities: [
      { city: 'Monterrey', region: 'NLE', postcode: '64###', area: '81' }, { city: 'Apodaca', region: 'NLE', postcode: '666##', area: '81' },
      { city: 'Saltillo', region: 'COA', postcode: '25###', area: '844' }, { city: 'Ramos Arizpe', region: 'COA', postcode: '259##', area: '844' },
      { city: 'Querétaro', region: 'QUE', postcode: '76###', area: '442' }, { city: 'Guadalajara', region: 'JAL', postcode: '44###', area: '33' },
      { city: 'Silao', region: 'GUA', postcode: '361##', area: '472' }, { city: 'Ciudad Juárez', region: 'CHH', postcode: '32###', area: '656' },
      { city: 'Nuevo Laredo', region: 'TAM', postcode: '88###', area: '867' }, { city: 'Puebla', region: 'PUE', postcode: '72###', area: '222' },
    ],
    streets: ES_STREETS, streetLine: '{s} ^##', id: 'MX@@@######@##', phone: '+52 {a} #### ####', currency: 'MXN', style: 'es',
    prefixes: ['Regiomontana', 'del Norte', 'del Bajío', 'Sierra Madre', 'Azteca', 'Industrial de Saltillo', 'Fronteriza', 'del Pacífico', 'Potosina', 'Nacional'],
    legal: ['SA de CV', 'S de RL de CV'],
    plates: { 'MX-NLE': 45, 'MX-COA': 25, 'MX-TAM': 20, 'MX-CHH': 10 },
  },
  DE: {
    cities: [{ city: 'Stuttgart', postcode: '70###', area: '711' }, { city: 'Munich', postcode: '80###', area: '89' }, { city: 'Wolfsburg', postcode: '384##', area: '5361' }, { city: 'Cologne', postcode: '50###', area: '221' }],
    streets: ['Industriestraße', 'Hauptstraße', 'Daimlerstraße', 'Robert-Bosch-Straße', 'Gewerbepark'], streetLine: '{s} ^#', id: 'DE############', phone: '+49 {a} #######', currency: 'EUR', style: 'de',
    prefixes: ['Schwaben', 'Rhein', 'Bayern', 'Neckar', 'Hansa', 'Elbe'], legal: ['GmbH', 'AG'],
  },
  IT: {
    cities: [{ city: 'Turin', postcode: '101##', area: '011' }, { city: 'Bologna', postcode: '401##', area: '051' }, { city: 'Milan', postcode: '201##', area: '02' }],
    streets: ['Via Emilia', "Via dell'Industria", 'Via Roma', 'Corso Torino'], streetLine: '{s} ^#', id: 'IT###########', phone: '+39 {a} ### ####', currency: 'EUR', style: 'it',
    prefixes: ['Padana', 'Subalpina', 'Adriatica', 'Emiliana'], legal: ['SpA', 'Srl'],
  },
  CN: {
    cities: [{ city: 'Shenzhen', postcode: '518###', area: '755' }, { city: 'Ningbo', postcode: '315###', area: '574' }, { city: 'Shanghai', postcode: '200###', area: '21' }, { city: 'Suzhou', postcode: '215###', area: '512' }],
    streets: ['Jinhai Road', 'Binhai Avenue', 'Xingye Road', 'Gaoxin Road'], streetLine: 'No. ^## {s}', id: 'CN##########', phone: '+86 {a} ########', currency: 'USD', style: 'asia',
    prefixes: ['Ningbo Hengda', 'Shenzhen Huaxin', 'Jiangsu Tianrun', 'Zhejiang Jinlong', 'Guangdong Meida', 'Suzhou Kaiyuan'], legal: ['Co Ltd'],
  },
  JP: {
    cities: [{ city: 'Nagoya', postcode: '450-####', area: '52' }, { city: 'Toyota', postcode: '471-####', area: '565' }, { city: 'Osaka', postcode: '530-####', area: '6' }],
    streets: ['Meieki', 'Sakae', 'Kanayama', 'Umeda'], streetLine: '^-^-^ {s}', id: 'JP#############', phone: '+81 {a} ####-####', currency: 'USD', style: 'asia',
    prefixes: ['Chubu', 'Tokai', 'Kansai', 'Mikawa', 'Owari'], legal: ['Co Ltd', 'KK'],
  },
  KR: {
    cities: [{ city: 'Busan', postcode: '48###', area: '51' }, { city: 'Ulsan', postcode: '44###', area: '52' }, { city: 'Changwon', postcode: '51###', area: '55' }],
    streets: ['Gongdan-ro', 'Sandan-ro', 'Haean-ro'], streetLine: '^## {s}', id: 'KR##########', phone: '+82 {a} ### ####', currency: 'USD', style: 'asia',
    prefixes: ['Hanil', 'Daesung', 'Seohan', 'Kumho', 'Dongyang'], legal: ['Co Ltd'],
  },
};

/** Where neighbouring traffic comes from, by importing country. */
const NEIGHBOURS: Readonly<Record<string, { neighbour: string; third: string }>> = {
  US: { neighbour: 'CA', third: 'MX' },
  CA: { neighbour: 'US', third: 'MX' },
  MX: { neighbour: 'US', third: 'CA' },
};
/** Offices on the southern border trade with Mexico. */
const SOUTHERN_OFFICES = new Set(['USLRD', 'USELP', 'USOTM', 'USPHR', 'USHID', 'USBRO', 'USNOG', 'USEGP']);
const OVERSEAS = ['DE', 'CN', 'JP', 'KR', 'IT'] as const;

const PARTY_COUNTS: Readonly<Record<string, number>> = { US: 70, CA: 50, MX: 35, DE: 6, CN: 8, JP: 5, KR: 3, IT: 3 };

interface Company {
  id: string;
  name: string;
  country: string;
  families: Family[];
  addresses: Address[];
  phones: string[];
  activity: number;
  invoicePrefix: string;
}

interface Carrier {
  id: string;
  name: string;
  country: string;
  scac: string;
  trusted: boolean;
  trucks: Array<{ plate: Plate; transponder?: string }>;
  activity: number;
}

interface World {
  companies: Company[];
  byCountry: Map<string, Company[]>;
  byCountryFamily: Map<string, Company[]>;
  brokers: Map<string, Company[]>;
  carriers: Carrier[];
}

const worlds = new Map<number, World>();

function worldFor(poolSeed: number): World {
  let world = worlds.get(poolSeed);
  if (!world) {
    world = buildWorld(new Draw(uniformOf(poolSeed)));
    if (worlds.size >= 8) worlds.delete(worlds.keys().next().value as number);
    worlds.set(poolSeed, world);
  }
  return world;
}

function buildWorld(d: Draw): World {
  const ids = new Set<string>();
  const names: string[] = [];
  const uniqueId = (template: string) => {
    for (;;) {
      const id = d.fill(template);
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  };
  const uniqueName = (make: () => string) => {
    for (let attempt = 0; ; attempt++) {
      const name = make();
      if (attempt > 20 || !names.some((n) => sameName(n, name))) {
        names.push(name);
        return name;
      }
    }
  };

  const companies: Company[] = [];
  for (const [country, count] of Object.entries(PARTY_COUNTS)) {
    const spec = COUNTRIES[country];
    for (let i = 0; i < count; i++) {
      const primary = d.weighted(FAMILY_KEYS, (f) => FAMILIES[f].weight);
      const families: Family[] = [primary];
      if (d.chance(0.25)) families.push(d.weighted(FAMILY_KEYS, (f) => FAMILIES[f].weight));
      const name = uniqueName(() => companyName(d, spec, primary));
      // A few importers use many phones and addresses (a classic risk indicator).
      const many = d.chance(0.07);
      const home = d.pick(spec.cities);
      const addresses = [address(d, spec, home, country)];
      const phones = [d.fill(spec.phone.replace('{a}', home.area))];
      if (many) {
        for (let k = d.int(1, 4); k > 0; k--) addresses.push(address(d, spec, d.chance(0.5) ? home : d.pick(spec.cities), country));
        for (let k = d.int(2, 6); k > 0; k--) phones.push(d.fill(spec.phone.replace('{a}', d.pick(spec.cities).area)));
      }
      companies.push({
        id: uniqueId(spec.id), name, country, families: [...new Set(families)], addresses, phones,
        // Zipf-like (a few large traders lodge many declarations), larger in the big trades.
        activity: FAMILIES[primary].weight / (i + 1) ** 0.6,
        invoicePrefix: initials(name),
      });
    }
  }
  const byCountry = new Map<string, Company[]>();
  const byCountryFamily = new Map<string, Company[]>();
  for (const c of companies) {
    byCountry.set(c.country, [...(byCountry.get(c.country) ?? []), c]);
    // Suppliers are found by their main line of business.
    byCountryFamily.set(`${c.country}:${c.families[0]}`, [...(byCountryFamily.get(`${c.country}:${c.families[0]}`) ?? []), c]);
  }

  const brokers = new Map<string, Company[]>();
  for (const [country, count] of [['US', 8], ['CA', 6], ['MX', 5]] as const) {
    const spec = COUNTRIES[country];
    const list: Company[] = [];
    for (let i = 0; i < count; i++) {
      // Brokers cluster at the crossings: the first city listed is the border town.
      const city = d.chance(0.6) ? spec.cities[0] : d.pick(spec.cities);
      const name = uniqueName(() => brokerName(d, spec));
      list.push({ id: uniqueId(spec.id), name, country, families: [], addresses: [address(d, spec, city, country)], phones: [d.fill(spec.phone.replace('{a}', city.area))], activity: 1 / (i + 1), invoicePrefix: initials(name) });
    }
    brokers.set(country, list);
  }

  const carriers: Carrier[] = [];
  const scacs = new Set<string>();
  const plates = new Set<string>();
  for (const [country, count] of [['CA', 16], ['US', 16], ['MX', 8]] as const) {
    const spec = COUNTRIES[country];
    for (let i = 0; i < count; i++) {
      const trusted = d.chance(0.45);
      let scac = d.fill('@@@@');
      while (scacs.has(scac)) scac = d.fill('@@@@');
      scacs.add(scac);
      const companyPrefix = d.fill('%%%%%%');
      const trucks: Carrier['trucks'] = [];
      for (let t = d.int(3, 25); t > 0; t--) {
        const jurisdiction = d.key(spec.plates ?? {});
        let number = plateNumber(d, jurisdiction);
        while (plates.has(`${jurisdiction}:${number}`)) number = plateNumber(d, jurisdiction);
        plates.add(`${jurisdiction}:${number}`);
        trucks.push({ plate: { jurisdiction, number }, ...(trusted ? { transponder: `3034${companyPrefix}${d.fill('%%%%%%%%%%%%%%')}` } : {}) });
      }
      carriers.push({ id: uniqueId(spec.id), name: uniqueName(() => carrierName(d, spec)), country, scac, trusted, trucks, activity: 1 / (i + 1) ** 0.6 });
    }
  }
  return { companies, byCountry, byCountryFamily, brokers, carriers };
}

function address(d: Draw, spec: CountrySpec, city: City, country: string): Address {
  return { street: d.fill(spec.streetLine.replace('{s}', d.pick(spec.streets))), city: city.region && spec.style !== 'en' ? `${city.city}, ${city.region}` : city.city, postcode: d.fill(city.postcode), country };
}

function companyName(d: Draw, spec: CountrySpec, family: Family): string {
  const f = FAMILIES[family];
  const legal = d.pick(spec.legal);
  switch (spec.style) {
    case 'es': return `${d.pick(f.nounsEs)} ${d.pick(spec.prefixes)} ${legal}`;
    case 'de': return `${d.pick(spec.prefixes)} ${d.pick(f.nouns)} ${legal}`;
    case 'it': return `${d.pick(f.nouns)} ${d.pick(spec.prefixes)} ${legal}`;
    case 'asia': return `${d.pick(spec.prefixes)} ${d.pick(f.nouns)} ${legal}`;
    default: return `${d.pick(spec.prefixes)} ${d.pick(f.nouns)} ${legal}`;
  }
}

function brokerName(d: Draw, spec: CountrySpec): string {
  if (spec.style === 'es') return `Agencia Aduanal ${d.pick(spec.prefixes)} ${d.pick(spec.legal)}`;
  return `${d.pick(spec.prefixes)} ${d.pick(['Customs Brokers', 'Trade Services', 'Border Brokerage', 'Clearance Services', 'Customs Consulting'])} ${d.pick(spec.legal)}`;
}

function carrierName(d: Draw, spec: CountrySpec): string {
  if (spec.style === 'es') return `Transportes ${d.pick(spec.prefixes)} ${d.pick(spec.legal)}`;
  return `${d.pick(spec.prefixes)} ${d.pick(['Freight Lines', 'Transport', 'Trucking', 'Express', 'Logistics', 'Carriers', 'Haulage'])} ${d.pick(spec.legal)}`;
}

function initials(name: string): string {
  const letters = name.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w)).map((w) => w[0].toUpperCase()).join('');
  return (letters + 'XXX').slice(0, 3);
}

/** Commercial plate formats by jurisdiction (normalised by LicencePlate to letters and digits). */
const PLATE_FORMATS: Readonly<Record<string, readonly string[]>> = {
  'CA-ON': ['@@## ###', '@@@@ ###'],
  'CA-QC': ['L######', 'FL#####'],
  'US-MI': ['@@ #####', '###@@@'],
  'US-OH': ['P@@ ####'],
  'US-IN': ['#######', '####@@'],
  'US-IL': ['P ######'],
  'US-PA': ['@@-#####'],
  'US-NY': ['@@ ####@'],
  'US-TX': ['R##-####'],
  'MX-NLE': ['##-@@-#@'],
  'MX-COA': ['##-@@-#@'],
  'MX-TAM': ['##-@@-#@'],
  'MX-CHH': ['##-@@-#@'],
};

function plateNumber(d: Draw, jurisdiction: string): string {
  return d.fill(d.pick(PLATE_FORMATS[jurisdiction] ?? ['@@@ ####']));
}

// ---------------------------------------------------------------------------------------------
// One declaration

interface Settings {
  world: World;
  office: string;
  home: string;
  neighbour: string;
  third: string;
  start: number;
  spreadMs: number;
  type?: DeclarationType;
  discrepancyRate: number;
  trustedShare: number;
  containerShare: number;
  items?: { min: number; max: number };
  forced: { plate?: Plate; transponder?: string | null; carrierId?: string };
}

function resolve(options: SyntheticDeclarationOptions, poolSeed: number): Settings {
  const office = UnLocode.parse(options.office ?? 'USDET', 'office').value;
  const home = office.slice(0, 2);
  const neighbours = NEIGHBOURS[home] ?? { neighbour: home === 'US' ? 'CA' : 'US', third: 'MX' };
  const neighbour = home === 'US' && SOUTHERN_OFFICES.has(office) ? 'MX' : neighbours.neighbour;
  const third = home === 'US' && neighbour === 'MX' ? 'CA' : neighbours.third;
  const start = options.start ?? new Date('2026-11-25T00:00:00Z');
  if (!(start instanceof Date) || Number.isNaN(start.getTime())) throw new RangeError('start must be a valid Date');
  const spreadHours = options.spreadHours ?? 24;
  if (!(spreadHours > 0 && spreadHours <= 24 * 366)) throw new RangeError(`spreadHours must be > 0 and at most a year, got ${spreadHours}`);
  const share = (name: string, value: number | undefined, fallback: number) => {
    const v = value ?? fallback;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be from 0 to 1, got ${v}`);
    return v;
  };
  let items: Settings['items'];
  if (typeof options.items === 'number') items = { min: options.items, max: options.items };
  else if (options.items) items = { min: options.items.min, max: options.items.max };
  if (items && !(Number.isInteger(items.min) && Number.isInteger(items.max) && items.min >= 1 && items.max >= items.min && items.max <= MAX_ITEMS)) {
    throw new RangeError(`items must be whole numbers from 1 to ${MAX_ITEMS} (min <= max), got ${JSON.stringify(options.items)}`);
  }
  const c = options.conveyance ?? {};
  const forced: Settings['forced'] = {};
  if (c.plate !== undefined) forced.plate = LicencePlate.parse(c.plate, 'conveyance.plate').toJSON();
  if (c.transponder !== undefined) forced.transponder = c.transponder === null ? null : RfidEpc.parse(c.transponder, 'conveyance.transponder').hex;
  if (c.carrierId !== undefined) forced.carrierId = TraderId.parse(c.carrierId, 'conveyance.carrierId').value;
  return {
    world: worldFor(checkSeed(poolSeed)),
    office, home, neighbour, third,
    start: start.getTime(),
    spreadMs: spreadHours * 3_600_000,
    type: options.type,
    discrepancyRate: share('discrepancyRate', options.discrepancyRate, 0.05),
    trustedShare: share('trustedShare', options.trustedShare, 0.3),
    containerShare: share('containerShare', options.containerShare, 0.2),
    items,
    forced,
  };
}

interface Line {
  product: Product;
  family: Family;
  item: GoodsItem;
  cents: number;
  packages: number;
}

function generate(d: Draw, s: Settings): SyntheticDeclaration {
  const { world } = s;
  const type: DeclarationType = s.type ?? d.key({ IM: 88, TR: 8, EX: 4 });
  // Countries of the parties: an import comes from the neighbour; an export goes to it; a transit crosses.
  const [importerCountry, exporterCountry] =
    type === 'EX' ? [s.neighbour, s.home]
      : type === 'TR' ? [s.third, s.neighbour]
        : [s.home, d.chance(0.88) ? s.neighbour : d.pick(OVERSEAS)];
  const importer = d.weighted(world.byCountry.get(importerCountry) ?? world.companies, (c) => c.activity);
  const family = importer.families.length === 1 || d.chance(0.75) ? importer.families[0] : d.pick(importer.families);
  const exporters = world.byCountryFamily.get(`${exporterCountry}:${family}`) ?? world.byCountry.get(exporterCountry) ?? world.companies;
  const others = exporters.filter((c) => c !== importer);
  const exporter = d.weighted(others.length > 0 ? others : world.companies.filter((c) => c !== importer), (c) => c.activity);
  const declarant = d.weighted(world.brokers.get(s.home) ?? world.brokers.get('US') ?? [], (c) => c.activity);

  // Conveyance: the carrier is usually from the exporter's side; trusted carriers' trucks carry a transponder.
  const trusted = d.chance(s.trustedShare);
  const carrierCountry = d.chance(0.65) ? exporterCountry : importerCountry;
  const candidates = world.carriers.filter((c) => c.trusted === trusted && c.country === carrierCountry);
  const carrier = d.weighted(candidates.length > 0 ? candidates : world.carriers.filter((c) => c.trusted === trusted), (c) => c.activity);
  const truck = d.pick(carrier.trucks);
  const plate = s.forced.plate ?? truck.plate;
  const transponder = s.forced.transponder !== undefined ? s.forced.transponder : s.forced.plate ? undefined : truck.transponder;
  const carrierId = s.forced.carrierId ?? carrier.id;

  const arrival = arrivalTime(d, s);
  // Mostly US dollars; otherwise the seller's currency when it has one of its own.
  const local = COUNTRIES[exporter.country]?.currency ?? 'USD';
  const currency = d.chance(0.75) || USD_RATE[local] === undefined ? 'USD' : local;
  const incoterm = d.key(INCOTERM_WEIGHTS);

  // Goods: a truckload (FTL) or a part load, split across the items.
  const count = s.items ? d.int(s.items.min, s.items.max) : itemCount(d);
  const loadKg = d.chance(0.55) ? d.between(11_000, 20_000) : d.logUniform(250, 8000);
  const shares = Array.from({ length: count }, () => -Math.log(1 - d.float()) + 0.05);
  const shareTotal = shares.reduce((a, b) => a + b, 0);
  const lines: Line[] = shares.map((share) => goodsLine(d, family, importer, exporter, (loadKg * share) / shareTotal, currency));

  const plantKind: DiscrepancyKind | undefined = d.chance(s.discrepancyRate) ? d.key({ value: 35, hsCode: 20, mass: 25, partyName: 20 }) : undefined;

  const containers = d.chance(s.containerShare) ? Array.from({ length: d.chance(0.15) ? 2 : 1 }, () => containerNumber(d)) : undefined;
  const declaration: DeclarationData = {
    type,
    declarant: party(d, declarant),
    importer: party(d, importer),
    exporter: party(d, exporter),
    officeOfEntry: s.office,
    expectedArrival: arrival.toISOString(),
    ...(d.chance(0.92) ? { incoterm } : {}),
    conveyance: { mode: 'road', plate: { ...plate }, ...(transponder ? { transponder } : {}), carrierId },
    ...(containers ? { containers } : {}),
    items: lines.map((l) => l.item),
  };

  // Supporting documents as the trade issued them: they agree with the goods as shipped.
  const wantInvoice = plantKind === 'value' || plantKind === 'hsCode' || d.chance(0.97);
  const wantPacking = plantKind === 'mass' || d.chance(0.9);
  const partyDoc: 'invoice' | 'billOfLading' = d.chance(0.5) ? 'invoice' : 'billOfLading';
  const wantBill = (plantKind === 'partyName' && partyDoc === 'billOfLading') || d.chance(0.85);
  const documents: NonNullable<DeclarationData['documents']> = {};
  const packages = lines.reduce((sum, l) => sum + l.packages, 0);
  const grossKg = round1(lines.reduce((sum, l) => sum + l.item.grossMassKg, 0));
  if (wantInvoice || (plantKind === 'partyName' && partyDoc === 'invoice')) documents.invoice = invoice(d, declaration, exporter, lines, incoterm, arrival, plantKind === 'hsCode');
  if (wantPacking) documents.packingList = packingList(d, lines, packages, grossKg);
  if (wantBill) documents.billOfLading = billOfLading(d, declaration, carrier, packages, grossKg);
  if (Object.keys(documents).length > 0) declaration.documents = documents;

  const planted = plantKind ? plant(d, plantKind, declaration, lines, world, partyDoc) : undefined;
  return planted ? { declaration, planted } : { declaration };
}

function itemCount(d: Draw): number {
  if (d.chance(0.03)) return d.int(13, 40);
  // Geometric-like over 1-12: single-item declarations are the most common.
  let k = 1;
  while (k < 12 && d.chance(0.72)) k++;
  return k;
}

function arrivalTime(d: Draw, s: Settings): Date {
  for (;;) {
    const at = s.start + Math.floor(d.float() * s.spreadMs / 1000) * 1000;
    if (d.float() * MAX_HOURLY < HOURLY_TRAFFIC[new Date(at).getUTCHours()]) return new Date(at);
  }
}

function party(d: Draw, c: Company): Party {
  const phone = c.phones.length === 1 || d.chance(0.6) ? c.phones[0] : d.pick(c.phones);
  const address = c.addresses.length === 1 || d.chance(0.6) ? c.addresses[0] : d.pick(c.addresses);
  return { id: c.id, name: c.name, address: { ...address }, phone };
}

function goodsLine(d: Draw, main: Family, importer: Company, exporter: Company, shareKg: number, currency: string): Line {
  const shared = importer.families.filter((f) => f !== main && exporter.families.includes(f));
  const family = shared.length === 0 || d.chance(0.85) ? main : d.pick(shared);
  const spec = FAMILIES[family];
  // Heavy units (loaders, vehicles, moulding machines) only where the load has room for them.
  const fits = spec.products.filter((x) => x.kg <= Math.max(shareKg * 1.5, 50));
  const product = d.pick(fits.length > 0 ? fits : spec.products);
  const packing = d.between(spec.packing[0], spec.packing[1]);
  const unitUsd = product.usd * d.spread(0.18);
  let quantity: number;
  let net: number;
  if (product.unit === 'm3') {
    quantity = Math.max(0.1, Math.round((shareKg / packing / product.kg) * 100) / 100);
    net = quantity * product.kg;
  } else {
    quantity = Math.max(1, Math.round(shareKg / packing / product.kg));
    net = quantity * product.kg * (product.unit === 'kg' ? 1 : d.between(0.97, 1.03));
  }
  const netMassKg = Math.max(0.1, round1(net));
  const grossMassKg = Math.max(round1(netMassKg + 0.1), round1(netMassKg * packing));
  const cents = Math.max(100, Math.round(quantity * unitUsd * (USD_RATE[currency] ?? 1) * 100));
  const origin = d.chance(0.6) && (spec.origins[exporter.country] ?? 0) > 0 ? exporter.country : d.key(spec.origins);
  return {
    product,
    family,
    cents,
    packages: Math.max(1, Math.ceil(grossMassKg / spec.packageKg)),
    item: { hsCode: product.hs, description: product.description, origin, quantity, unit: product.unit, grossMassKg, netMassKg, value: { amount: money(cents), currency } },
  };
}

function invoice(d: Draw, declaration: DeclarationData, exporter: Company, lines: Line[], incoterm: string, arrival: Date, forceLineCodes: boolean): Invoice {
  const issued = new Date(arrival.getTime() - d.int(0, 3) * 86_400_000);
  const withCodes = forceLineCodes || d.chance(0.85);
  const currency = declaration.items[0].value.currency;
  return {
    number: `${exporter.invoicePrefix}-${issued.getUTCFullYear()}-${d.fill('#####')}`,
    date: issued.toISOString().slice(0, 10),
    seller: { ...(d.chance(0.8) ? { id: declaration.exporter?.id } : {}), name: asWritten(d, declaration.exporter?.name ?? '') },
    buyer: { ...(d.chance(0.8) ? { id: declaration.importer?.id } : {}), name: asWritten(d, declaration.importer?.name ?? '') },
    ...(declaration.incoterm ? { incoterm } : {}),
    total: { amount: money(lines.reduce((sum, l) => sum + l.cents, 0)), currency },
    // Always itemised: parseDeclaration reads a missing `lines` as [], which crossCheckDocuments
    // reports as an item-count mismatch, so an unitemised invoice would look like a discrepancy.
    lines: lines.map((l) => ({
      ...(withCodes ? { hsCode: l.product.hs.replace(/\./g, '').slice(0, 6) } : {}),
      description: shortDescription(l.product.description),
      quantity: l.item.quantity,
      value: { ...l.item.value },
    })),
  };
}

function packingList(d: Draw, lines: Line[], packages: number, grossKg: number): PackingList {
  return {
    packages,
    grossMassKg: grossKg,
    ...(lines.length <= 12 && d.chance(0.5) ? { lines: lines.map((l) => ({ description: shortDescription(l.product.description), quantity: l.item.quantity, grossMassKg: l.item.grossMassKg })) } : {}),
  };
}

function billOfLading(d: Draw, declaration: DeclarationData, carrier: Carrier, packages: number, grossKg: number): BillOfLading {
  return {
    number: `${carrier.scac}${d.fill('#######')}`,
    shipper: { name: asWritten(d, declaration.exporter?.name ?? '') },
    consignee: { name: asWritten(d, declaration.importer?.name ?? '') },
    ...(d.chance(0.8) ? { packages } : {}),
    ...(d.chance(0.85) ? { grossMassKg: grossKg } : {}),
  };
}

/** A name as another clerk typed it: sometimes upper case or without the legal form, never a different name. */
function asWritten(d: Draw, name: string): string {
  const x = d.float();
  if (x < 0.15) return name.toUpperCase();
  if (x < 0.3) {
    const bare = name.replace(/\s+(Inc|Ltd|LLC|Corp|Co|GmbH)$/, '');
    if (bare !== name && sameName(bare, name)) return bare;
  }
  return name;
}

function plant(d: Draw, kind: DiscrepancyKind, declaration: DeclarationData, lines: Line[], world: World, partyDoc: 'invoice' | 'billOfLading'): PlantedDiscrepancy {
  const items = declaration.items;
  const currency = items[0].value.currency;
  switch (kind) {
    case 'value': {
      // Undervaluation: one item declared well below its invoiced value.
      const i = d.int(0, items.length - 1);
      const declared = Math.max(1, Math.min(lines[i].cents - 1, Math.round(lines[i].cents * d.between(0.35, 0.8))));
      items[i] = { ...items[i], value: { amount: money(declared), currency } };
      return { kind, field: 'items[].value', document: 'invoice', note: `items[${i}] declared ${money(declared)} ${currency}, invoiced ${money(lines[i].cents)} ${currency}` };
    }
    case 'hsCode': {
      // Misclassification: a code of another subheading (usually the same chapter), the description kept.
      const i = d.int(0, items.length - 1);
      const truth = lines[i].product.hs;
      const six = (hs: string) => hs.replace(/\./g, '').slice(0, 6);
      const all = FAMILY_KEYS.flatMap((f) => FAMILIES[f].products);
      const sameChapter = all.filter((x) => x.hs.slice(0, 2) === truth.slice(0, 2) && six(x.hs) !== six(truth));
      const alternative = d.pick(sameChapter.length > 0 ? sameChapter : FAMILIES[lines[i].family].products.filter((x) => six(x.hs) !== six(truth)));
      items[i] = { ...items[i], hsCode: alternative.hs };
      return { kind, field: `items[${i}].hsCode`, document: 'invoice', note: `declared ${alternative.hs}, invoiced ${six(truth)}` };
    }
    case 'mass': {
      // Under-declared mass: the packing list (and bill of lading) weigh more than the declaration.
      const documented = declaration.documents?.packingList?.grossMassKg ?? 0;
      const factor = d.between(0.6, 0.92);
      declaration.items = items.map((item) => {
        const netMassKg = Math.max(0.1, round1(item.netMassKg * factor));
        return { ...item, netMassKg, grossMassKg: Math.max(netMassKg, round1(item.grossMassKg * factor)) };
      });
      let declared = round1(declaration.items.reduce((sum, item) => sum + item.grossMassKg, 0));
      if (Math.abs(declared - documented) <= 0.02 * Math.max(declared, documented, 1)) {
        // Tiny consignments round back to the documented mass: weigh the documents up instead.
        const packing = declaration.documents?.packingList;
        if (packing) packing.grossMassKg = round1(documented * 1.25 + 1);
        const bill = declaration.documents?.billOfLading;
        if (bill?.grossMassKg !== undefined) bill.grossMassKg = round1(documented * 1.25 + 1);
        declared = round1(declaration.items.reduce((sum, item) => sum + item.grossMassKg, 0));
      }
      return { kind, field: 'items[].grossMassKg', document: 'packingList', note: `declared ${declared} kg, packing list ${declaration.documents?.packingList?.grossMassKg} kg` };
    }
    case 'partyName': {
      // Another trader's name on a document: the goods are sold or consigned to someone else.
      const role: 'importer' | 'exporter' = d.chance(0.6) ? 'importer' : 'exporter';
      const declared = declaration[role] as Party;
      const others = world.companies.filter((c) => !sameName(c.name, declared.name));
      const other = d.pick(others).name;
      const docs = declaration.documents ?? {};
      if (partyDoc === 'invoice' && docs.invoice) {
        const target = role === 'importer' ? docs.invoice.buyer : docs.invoice.seller;
        target.id = declared.id;
        target.name = other;
      } else if (docs.billOfLading) {
        if (role === 'importer') docs.billOfLading.consignee = { name: other };
        else docs.billOfLading.shipper = { name: other };
      }
      const document = partyDoc === 'invoice' && docs.invoice ? 'invoice' : 'billOfLading';
      return { kind, field: `${role}.name`, document, note: `declared ${declared.name}, ${document} names ${other}` };
    }
  }
}

function containerNumber(d: Draw): string {
  const first10 = `${d.pick(CONTAINER_OWNERS)}${d.fill('######')}`;
  return `${first10}${iso6346CheckDigit(first10)}`;
}

function shortDescription(description: string): string {
  return description.split(/[,(]/)[0].trim();
}

function money(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function round1(kg: number): number {
  return Math.round(kg * 10) / 10;
}
