export * from './data-source.js';
export * from './stats-metrics.js';
export * from './entities/index.js';
export * from './queries/index.js';
export * from './stats-periods.js';
