import type { Role, WriteScope } from '#domain';

/** An Idempotency-Key sent with a command, and the hash of the request it came with. */
export interface IdempotencyRequest {
  readonly key: string;
  /** sha256 of method, path and canonical JSON body: the same key with another request is refused. */
  readonly requestHash: string;
}

/** Where a command came from: the route it was sent to and the client's address. */
export interface CommandOrigin {
  /** `POST /v1/awards/:awardId/revocation`: the route pattern, not the path with its ids. */
  readonly route: string;
  readonly clientAddress: string;
}

/**
 * Who sent a command, from where and with what rights: it becomes the envelope (metadata)
 * of every event the command writes. Built from the HTTP request by `@CommandMetaParam()`.
 */
export interface CommandMeta {
  /** One UUID per command: the causationId of its events. */
  readonly commandId: string;
  /** The request id: the correlationId of its events. */
  readonly correlationId: string;
  /** The authenticated subject (the token's `sub`). */
  readonly actor: string;
  readonly role: Role;
  /** The units the actor may write about; the command executor checks every command against it. */
  readonly scope: WriteScope;
  readonly origin: CommandOrigin;
  readonly idempotency?: IdempotencyRequest;
}
