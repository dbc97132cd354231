// Public door of @corridor/risk: the pure core (also its own entry point, @corridor/risk/core)
// and the risk service (Nest module, migrations, rules, scoring, learning, selection).
export * from './core';
// The risk service (Nest module, migrations, rules, scoring, learning, selection): see service/index.ts.
export * from './service';
