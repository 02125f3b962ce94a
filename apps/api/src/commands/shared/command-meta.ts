/** An Idempotency-Key sent with a command, and the hash of the request it came with. */
export interface IdempotencyRequest {
  readonly key: string;
  /** sha256 of method, path and canonical JSON body: the same key with another request is refused. */
  readonly requestHash: string;
}

/**
 * Who sent a command and why: it becomes the envelope (metadata) of every event the
 * command writes. Built from the HTTP request by `@CommandMetaParam()`.
 */
export interface CommandMeta {
  /** One UUID per command: the causationId of its events. */
  readonly commandId: string;
  /** The request id: the correlationId of its events. */
  readonly correlationId: string;
  /** The authenticated subject; `anonymous` until authentication lands. */
  readonly actor: string;
  readonly idempotency?: IdempotencyRequest;
}

export const ANONYMOUS_ACTOR = 'anonymous';
