export * from './projection.js';
export * from './runner/checkpoints.js';
export * from './runner/projection-runner.js';
export * from './period-stats/period-stats.projection.js';
export * from './period-stats/stats-accumulator.js';
export * from './runner/batch-transaction.js';
export * from './rebuild/projection-rebuild.js';
export * from './rebuild/shadow-tables.js';
