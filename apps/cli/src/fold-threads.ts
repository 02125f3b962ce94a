import { availableParallelism } from 'node:os';

/**
 * The threads a rebuild folds the log in by default: the cores beyond two, one for the
 * PostgreSQL server and one for the service, at most four. On two cores a second fold
 * thread made a quiet rebuild of 1,000,000 events ~7 % faster (19.3 s against 20.7 s) for
 * ~13 % more CPU and ~220 MB more memory, and took that CPU from the service's queries
 * beside it (docs/PERFORMANCE.md).
 */
export function defaultFoldThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 2));
}
