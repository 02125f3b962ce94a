import { projectionStatus, projectionWiring } from './projection-wiring.js';

describe('projectionWiring', () => {
  it('runs the projections in the one embedded process, whatever RUN_PROJECTIONS says', () => {
    expect(projectionWiring({ storeMode: 'embedded', runProjections: true }, 'api')).toEqual({ runners: 'in-process', consistency: 'runners' });
    expect(projectionWiring({ storeMode: 'embedded', runProjections: true }, 'projector')).toEqual({ runners: 'in-process', consistency: 'runners' });
  });

  it.each(['postgres', 'eventstoredb'] as const)('on %s, elects a leader among the processes that run them and waits on stored checkpoints', (storeMode) => {
    expect(projectionWiring({ storeMode, runProjections: true }, 'api')).toEqual({ runners: 'leader-elected', consistency: 'stored-checkpoints' });
    expect(projectionWiring({ storeMode, runProjections: false }, 'api')).toEqual({ runners: 'none', consistency: 'stored-checkpoints' });
    expect(projectionWiring({ storeMode, runProjections: false }, 'projector')).toEqual({ runners: 'leader-elected', consistency: 'stored-checkpoints' });
  });
});

describe('projectionStatus', () => {
  const version = 2;

  it('says rebuilding while a rebuild runs, whoever follows the log', () => {
    expect(projectionStatus({ rebuilding: true, local: 'following', version })).toBe('rebuilding');
  });

  it("takes a leading local runner's word", () => {
    expect(projectionStatus({ rebuilding: false, local: 'following', version })).toBe('following');
    expect(projectionStatus({ rebuilding: false, local: 'rebuild required', version })).toBe('rebuild required');
  });

  it('reads another process’s leadership from the lease and the stored version', () => {
    expect(projectionStatus({ rebuilding: false, local: 'standby', leaseHeld: true, storedVersion: 2, version })).toBe('following');
    expect(projectionStatus({ rebuilding: false, leaseHeld: true, storedVersion: undefined, version })).toBe('following');
    expect(projectionStatus({ rebuilding: false, leaseHeld: true, storedVersion: 1, version })).toBe('rebuild required');
  });

  it('is stopped when nobody holds the lease', () => {
    expect(projectionStatus({ rebuilding: false, leaseHeld: false, storedVersion: 2, version })).toBe('stopped');
    expect(projectionStatus({ rebuilding: false, local: 'stopped', version })).toBe('stopped');
  });
});
