/**
 * Given / when / then for deciders. Test support only: not exported from the library's
 * index; it imports `expect` from @jest/globals so the production build (which has no Jest
 * global types) still compiles it.
 *
 *   const given = DeciderSpecification.for(modelDecider);
 *   given([registered]).when(recognize, context).then([recognized]);
 *   given([]).when(recognize, context).thenFails('MODEL_NOT_FOUND');
 */
import { expect } from '@jest/globals';
import { foldEvents, type Decider } from '../decider.js';
import { DomainError, type DomainErrorCode, type DomainErrorKind } from '../errors.js';

export type ThenFailsExpectation = Readonly<{ field?: string; kind?: DomainErrorKind }>;

export interface DeciderThen<E> {
  /** The command succeeds with exactly these events (strict equality: absent stays absent). */
  then(expected: readonly E[]): void;
  /** The command fails with a DomainError of this code (and field / kind when given). */
  thenFails(code: DomainErrorCode, expectation?: ThenFailsExpectation): DomainError;
}

export interface DeciderWhen<C, E, X> {
  when(command: C, context: X): DeciderThen<E>;
}

const catchError = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

export const DeciderSpecification = {
  for<S, C, E, X>(decider: Decider<S, C, E, X>) {
    return (givenEvents: readonly E[] = []): DeciderWhen<C, E, X> => ({
      when(command: C, context: X): DeciderThen<E> {
        const run = (): readonly E[] =>
          decider.decide(command, foldEvents(decider, givenEvents), context);
        return {
          then(expected) {
            expect(run()).toStrictEqual(expected);
          },
          thenFails(code, expectation = {}) {
            const error = catchError(run);
            if (!(error instanceof DomainError)) {
              throw new Error(
                `Expected DomainError ${code}, got ${error === undefined ? 'success' : String(error)}`,
              );
            }
            expect(error.code).toBe(code);
            if (expectation.field !== undefined) expect(error.field).toBe(expectation.field);
            if (expectation.kind !== undefined) expect(error.kind).toBe(expectation.kind);
            return error;
          },
        };
      },
    });
  },
};
