import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The app's one Prometheus registry, shared as a module singleton so any module can
 * register its gauges and counters (`new Gauge({ name, help, registers: [metricsRegistry] })`)
 * without a dependency on MetricsModule. Kept apart from prom-client's global registry so
 * a library registering there cannot collide with names used here.
 */
export const metricsRegistry = new Registry();

// Process metrics (CPU, memory, event loop lag, GC) every scrape should have.
collectDefaultMetrics({ register: metricsRegistry });

/** Injection token for the same registry, for code that prefers DI to an import. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
