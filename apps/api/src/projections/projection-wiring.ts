import type { ElectedRunnerStatus } from '#projections';
import type { AppConfig } from '../infrastructure/config/app-config.js';

/** Which process is asking: the API runs projections unless told not to; the projector always does. */
export type ProcessRole = 'api' | 'projector';

export interface ProjectionWiring {
  /**
   * `in-process`: this process alone projects (embedded PGlite, one process by design).
   * `leader-elected`: this process competes for each projection's lease on the server.
   * `none`: projections run elsewhere (RUN_PROJECTIONS=false beside `apps/projector`).
   */
  readonly runners: 'in-process' | 'leader-elected' | 'none';
  /**
   * How `consistentWith` waits: on this process's runners when they are the only ones, or
   * on the checkpoints committed in the read models, whoever projected them.
   */
  readonly consistency: 'runners' | 'stored-checkpoints';
}

export function projectionWiring(config: Pick<AppConfig, 'storeMode' | 'runProjections'>, role: ProcessRole): ProjectionWiring {
  if (config.storeMode === 'embedded') return { runners: 'in-process', consistency: 'runners' };
  const run = role === 'projector' || config.runProjections;
  return { runners: run ? 'leader-elected' : 'none', consistency: 'stored-checkpoints' };
}

/** What GET /v1/admin/projections reports (API.md "Admin"). */
export type ProjectionStatus = 'following' | 'rebuild required' | 'rebuilding' | 'stopped';

export interface ProjectionStatusFacts {
  readonly rebuilding: boolean;
  /** This process's runner, when it has one. */
  readonly local?: ElectedRunnerStatus | undefined;
  /** Whether some process holds the projection's lease (server only). */
  readonly leaseHeld?: boolean | undefined;
  readonly storedVersion?: number | undefined;
  readonly version: number;
}

/**
 * The projection's state across processes: a local runner that leads speaks for itself;
 * otherwise whoever holds the lease is following, with the tables of the stored version.
 */
export function projectionStatus(facts: ProjectionStatusFacts): ProjectionStatus {
  if (facts.rebuilding) return 'rebuilding';
  if (facts.local === 'following' || facts.local === 'rebuild required') return facts.local;
  if (!facts.leaseHeld) return 'stopped';
  return facts.storedVersion !== undefined && facts.storedVersion !== facts.version ? 'rebuild required' : 'following';
}
