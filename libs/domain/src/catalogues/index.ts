export * from './catalogue.js';
export * from './unit-kinds.js';
export * from './model-fields.js';
export * from './awards.js';
export * from './kinds.js';
export * from './metrics.js';
