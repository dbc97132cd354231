/**
 * A small tariff catalogue for synthetic declarations: real HS chapters and headings with a
 * plausible import mix (machinery and electrical goods dominate, as in most administrations),
 * typical value per kg, unit of quantity, duty rate and the words traders use to describe them.
 */
export interface HeadingSpec {
  readonly code: string;
  readonly duty: number;
  readonly goods: readonly string[];
}

export interface ChapterSpec {
  readonly code: string;
  /** Share of items (relative weight). */
  readonly weight: number;
  /** Typical customs value per kg, USD. */
  readonly usdPerKg: number;
  readonly unit: 'kg' | 'u' | 'l' | 'pr' | 'm2';
  /** Typical net kg per unit of quantity when the unit is not kg. */
  readonly kgPerUnit: number;
  readonly headings: readonly HeadingSpec[];
}

const h = (code: string, duty: number, ...goods: string[]): HeadingSpec => ({ code, duty, goods });

export const CHAPTERS: readonly ChapterSpec[] = [
  { code: '03', weight: 2, usdPerKg: 6, unit: 'kg', kgPerUnit: 1, headings: [h('0302', 10, 'fresh salmon', 'fresh tuna'), h('0303', 10, 'frozen hake', 'frozen sardines'), h('0304', 10, 'frozen fish fillets', 'fish fillets'), h('0306', 12, 'frozen shrimp', 'prawns')] },
  { code: '08', weight: 2, usdPerKg: 1.6, unit: 'kg', kgPerUnit: 1, headings: [h('0803', 10, 'bananas', 'plantains'), h('0804', 10, 'avocados', 'mangoes', 'dates'), h('0805', 10, 'oranges', 'lemons', 'mandarins'), h('0806', 10, 'fresh grapes', 'raisins'), h('0802', 10, 'almonds', 'walnuts', 'hazelnuts')] },
  { code: '09', weight: 1, usdPerKg: 5, unit: 'kg', kgPerUnit: 1, headings: [h('0901', 10, 'green coffee beans', 'roasted coffee'), h('0902', 10, 'green tea', 'black tea'), h('0904', 10, 'black pepper', 'paprika')] },
  { code: '22', weight: 1.5, usdPerKg: 3.5, unit: 'l', kgPerUnit: 1.1, headings: [h('2203', 20, 'beer', 'lager beer'), h('2204', 27, 'red wine', 'sparkling wine', 'white wine'), h('2208', 20, 'whisky', 'vodka', 'rum')] },
  { code: '27', weight: 4, usdPerKg: 0.7, unit: 'kg', kgPerUnit: 1, headings: [h('2701', 0, 'coal', 'bituminous coal'), h('2710', 0, 'diesel oil', 'lubricating oil', 'fuel oil'), h('2711', 0, 'liquefied propane', 'LPG')] },
  { code: '29', weight: 3, usdPerKg: 4, unit: 'kg', kgPerUnit: 1, headings: [h('2905', 2, 'methanol', 'glycerol'), h('2915', 2, 'acetic acid', 'acetates'), h('2933', 2, 'heterocyclic compounds', 'melamine'), h('2941', 2, 'antibiotics bulk')] },
  { code: '30', weight: 3, usdPerKg: 80, unit: 'kg', kgPerUnit: 1, headings: [h('3002', 0, 'vaccines', 'blood fractions'), h('3004', 0, 'medicaments in doses', 'tablets', 'capsules'), h('3006', 0, 'pharmaceutical goods', 'first aid kits')] },
  { code: '33', weight: 1.5, usdPerKg: 15, unit: 'kg', kgPerUnit: 1, headings: [h('3303', 18, 'perfumes', 'eau de toilette'), h('3304', 18, 'make-up preparations', 'lipstick'), h('3305', 18, 'shampoo', 'hair preparations')] },
  { code: '39', weight: 5, usdPerKg: 2.5, unit: 'kg', kgPerUnit: 1, headings: [h('3901', 12, 'polyethylene granules', 'LDPE'), h('3907', 12, 'PET resin', 'polyesters'), h('3920', 14, 'plastic film', 'plastic sheets'), h('3923', 18, 'plastic bottles', 'plastic bags', 'plastic containers'), h('3926', 18, 'plastic articles', 'plastic parts')] },
  { code: '40', weight: 2.5, usdPerKg: 4, unit: 'u', kgPerUnit: 9, headings: [h('4011', 16, 'car tyres', 'truck tyres', 'new pneumatic tyres'), h('4012', 16, 'retreaded tyres', 'used tyres'), h('4016', 14, 'rubber seals', 'rubber gaskets')] },
  { code: '48', weight: 2, usdPerKg: 1.5, unit: 'kg', kgPerUnit: 1, headings: [h('4802', 12, 'printing paper', 'uncoated paper'), h('4810', 12, 'coated paper', 'coated board'), h('4819', 16, 'cartons', 'paper boxes')] },
  { code: '52', weight: 1, usdPerKg: 4, unit: 'kg', kgPerUnit: 1, headings: [h('5205', 18, 'cotton yarn'), h('5208', 26, 'woven cotton fabric', 'cotton fabric'), h('5209', 26, 'denim fabric')] },
  { code: '61', weight: 3, usdPerKg: 25, unit: 'u', kgPerUnit: 0.25, headings: [h('6104', 35, 'knitted dresses', 'womens knitted suits'), h('6109', 35, 'T-shirts', 'cotton T-shirts', 'singlets'), h('6110', 35, 'sweaters', 'pullovers', 'cardigans'), h('6115', 35, 'socks', 'tights')] },
  { code: '62', weight: 2.5, usdPerKg: 30, unit: 'u', kgPerUnit: 0.5, headings: [h('6203', 35, 'mens trousers', 'mens suits', 'jeans'), h('6204', 35, 'womens trousers', 'womens dresses', 'skirts'), h('6205', 35, 'mens shirts')] },
  { code: '64', weight: 2, usdPerKg: 20, unit: 'pr', kgPerUnit: 0.8, headings: [h('6402', 35, 'rubber footwear', 'sandals', 'flip flops'), h('6403', 35, 'leather shoes', 'leather boots'), h('6404', 35, 'sports shoes', 'sneakers', 'textile footwear')] },
  { code: '69', weight: 1, usdPerKg: 2, unit: 'm2', kgPerUnit: 20, headings: [h('6907', 15, 'ceramic tiles', 'porcelain tiles'), h('6910', 18, 'ceramic sinks', 'toilet bowls'), h('6911', 20, 'porcelain tableware')] },
  { code: '71', weight: 0.5, usdPerKg: 3000, unit: 'kg', kgPerUnit: 1, headings: [h('7113', 18, 'gold jewellery', 'silver jewellery'), h('7117', 18, 'imitation jewellery', 'costume jewellery')] },
  { code: '72', weight: 3, usdPerKg: 0.8, unit: 'kg', kgPerUnit: 1, headings: [h('7208', 12, 'hot-rolled steel coils', 'flat-rolled steel'), h('7210', 12, 'galvanized steel sheet', 'coated steel'), h('7214', 12, 'steel bars', 'rebar'), h('7219', 14, 'stainless steel sheet', 'stainless coils')] },
  { code: '73', weight: 3, usdPerKg: 3, unit: 'kg', kgPerUnit: 1, headings: [h('7304', 14, 'seamless steel tubes', 'steel pipes'), h('7308', 14, 'steel structures', 'scaffolding'), h('7318', 16, 'screws', 'bolts', 'nuts'), h('7323', 18, 'steel kitchenware', 'stainless cookware')] },
  { code: '76', weight: 1.5, usdPerKg: 4, unit: 'kg', kgPerUnit: 1, headings: [h('7601', 6, 'unwrought aluminium', 'aluminium ingots'), h('7604', 12, 'aluminium profiles', 'aluminium bars'), h('7606', 12, 'aluminium plates', 'aluminium sheet')] },
  { code: '84', weight: 14, usdPerKg: 25, unit: 'u', kgPerUnit: 40, headings: [h('8414', 14, 'air compressors', 'fans', 'vacuum pumps'), h('8415', 18, 'air conditioners', 'split air conditioning units'), h('8418', 20, 'refrigerators', 'freezers'), h('8429', 0, 'excavators', 'bulldozers'), h('8443', 0, 'printers', 'printing machinery'), h('8450', 20, 'washing machines'), h('8471', 0, 'laptops', 'computers', 'servers'), h('8481', 14, 'valves', 'taps'), h('8482', 14, 'ball bearings', 'roller bearings')] },
  { code: '85', weight: 14, usdPerKg: 45, unit: 'u', kgPerUnit: 3, headings: [h('8504', 14, 'transformers', 'power supplies', 'inverters'), h('8507', 18, 'lithium batteries', 'lead-acid batteries'), h('8516', 20, 'electric heaters', 'hair dryers', 'microwave ovens'), h('8517', 0, 'mobile phones', 'smartphones', 'network routers'), h('8528', 20, 'television sets', 'monitors'), h('8529', 2, 'parts for televisions', 'antennas'), h('8541', 0, 'solar panels', 'LEDs', 'photovoltaic cells'), h('8542', 0, 'integrated circuits', 'processors'), h('8544', 16, 'insulated cable', 'electric wire')] },
  { code: '87', weight: 6, usdPerKg: 12, unit: 'u', kgPerUnit: 900, headings: [h('8703', 35, 'passenger cars', 'SUVs', 'used cars'), h('8704', 35, 'trucks', 'pick-ups'), h('8708', 16, 'car parts', 'brake pads', 'gearboxes'), h('8711', 20, 'motorcycles', 'scooters'), h('8712', 20, 'bicycles')] },
  { code: '90', weight: 3, usdPerKg: 150, unit: 'u', kgPerUnit: 2, headings: [h('9013', 14, 'LCD modules', 'lasers'), h('9018', 0, 'medical instruments', 'syringes', 'catheters'), h('9027', 0, 'laboratory analysers', 'spectrometers'), h('9031', 0, 'measuring instruments')] },
  { code: '94', weight: 2, usdPerKg: 6, unit: 'u', kgPerUnit: 15, headings: [h('9401', 18, 'office chairs', 'seats', 'sofas'), h('9403', 18, 'wooden furniture', 'metal furniture'), h('9405', 18, 'LED lamps', 'lighting fittings')] },
  { code: '95', weight: 2, usdPerKg: 8, unit: 'u', kgPerUnit: 0.6, headings: [h('9503', 20, 'toys', 'dolls', 'puzzles'), h('9504', 20, 'video game consoles', 'playing cards'), h('9506', 20, 'sports equipment', 'fitness equipment')] },
];

/** Origin countries (ISO 3166 alpha-2) with a share of trade and the usual invoice currency. */
export const ORIGINS: readonly { code: string; weight: number; currency: string }[] = [
  { code: 'CN', weight: 26, currency: 'USD' }, { code: 'US', weight: 12, currency: 'USD' }, { code: 'DE', weight: 7, currency: 'EUR' },
  { code: 'JP', weight: 4, currency: 'JPY' }, { code: 'KR', weight: 4, currency: 'USD' }, { code: 'IN', weight: 4, currency: 'USD' },
  { code: 'VN', weight: 3.5, currency: 'USD' }, { code: 'IT', weight: 3, currency: 'EUR' }, { code: 'FR', weight: 2.5, currency: 'EUR' },
  { code: 'MX', weight: 2.5, currency: 'USD' }, { code: 'BR', weight: 2, currency: 'USD' }, { code: 'TR', weight: 2, currency: 'EUR' },
  { code: 'TH', weight: 2, currency: 'USD' }, { code: 'MY', weight: 2, currency: 'USD' }, { code: 'ID', weight: 1.5, currency: 'USD' },
  { code: 'GB', weight: 2, currency: 'GBP' }, { code: 'ES', weight: 2, currency: 'EUR' }, { code: 'NL', weight: 2, currency: 'EUR' },
  { code: 'CH', weight: 1.5, currency: 'CHF' }, { code: 'TW', weight: 2, currency: 'USD' }, { code: 'EC', weight: 1, currency: 'USD' },
  { code: 'CL', weight: 1, currency: 'USD' }, { code: 'AR', weight: 1, currency: 'USD' }, { code: 'ZA', weight: 1, currency: 'USD' },
  { code: 'PK', weight: 1, currency: 'USD' }, { code: 'BD', weight: 1, currency: 'USD' }, { code: 'AE', weight: 1.5, currency: 'USD' },
  { code: 'PE', weight: 0.8, currency: 'USD' }, { code: 'NZ', weight: 0.6, currency: 'USD' }, { code: 'NO', weight: 0.6, currency: 'EUR' },
];

export const QUALIFIERS: readonly string[] = ['assorted', 'new', 'for retail sale', 'in bulk', 'packed', 'model 2024', 'various sizes', 'industrial use', 'spare', 'grade A'];
export const CITIES: readonly string[] = ['Santos', 'Campinas', 'Sao Paulo', 'Curitiba', 'Joinville', 'Porto Alegre', 'Rio de Janeiro', 'Belo Horizonte', 'Manaus', 'Recife', 'Fortaleza', 'Salvador'];
export const STREETS: readonly string[] = ['Rua das Flores', 'Av. Paulista', 'Rua XV de Novembro', 'Av. Brasil', 'Rua da Alfandega', 'Rua do Porto', 'Av. Atlantica', 'Rua Sete de Setembro', 'Av. das Nacoes', 'Rua Augusta', 'Rua do Comercio', 'Av. Independencia'];
