/** Events and commands are plain, immutable data with a stable string `type`. */
export type Event<Type extends string, Data extends object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

export type Command<Type extends string, Data extends object> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/**
 * A stream's business rules. `decide` is pure: what it needs from other streams (and
 * today's date) arrives in `context`; it throws a DomainError when a rule is broken.
 */
export interface Decider<S, C, E, X> {
  readonly initialState: S;
  decide(command: C, state: S, context: X): readonly E[];
  evolve(state: S, event: E): S;
}

/** Folds a stream's events into its state. */
export const foldEvents = <S, C, E, X>(decider: Decider<S, C, E, X>, events: readonly E[]): S =>
  events.reduce<S>((state, event) => decider.evolve(state, event), decider.initialState);

export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
