import type { ElectedRunnerStatus, Projection } from '#projections';

/** The projections this build knows (`Projection[]`), whether or not this process runs them. */
export const PROJECTIONS = Symbol('PROJECTIONS');
/** This process's runners (`ProjectionWorker[]`); empty when the projections run elsewhere. */
export const PROJECTION_RUNNERS = Symbol('PROJECTION_RUNNERS');
/** How this process takes part in projecting (`ProjectionWiring`). */
export const PROJECTION_WIRING = Symbol('PROJECTION_WIRING');

/** A ProjectionRunner, or one that runs only while it holds the projection's lease. */
export interface ProjectionWorker {
  readonly projection: Projection;
  readonly status: ElectedRunnerStatus;
  start(): Promise<void>;
  /** Returns once the batch in progress has committed with its checkpoint. */
  stop(): Promise<void>;
}
