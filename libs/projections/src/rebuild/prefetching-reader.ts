import type { LoggedEvent } from '#event-store';

/**
 * Reads the next page of the log while the current one is being applied: the read and
 * the write then overlap instead of taking turns.
 */
export class PrefetchingReader {
  private pending: { after: string | undefined; page: Promise<readonly LoggedEvent[]> } | undefined;

  constructor(private readonly readPage: (after: string | undefined) => Promise<readonly LoggedEvent[]>) {}

  prefetch(after: string | undefined): void {
    const page = this.readPage(after);
    // Awaited by `read`; a failure then surfaces there, not as an unhandled rejection.
    page.catch(() => undefined);
    this.pending = { after, page };
  }

  read(after: string | undefined): Promise<readonly LoggedEvent[]> {
    const pending = this.pending;
    this.pending = undefined;
    return pending && pending.after === after ? pending.page : this.readPage(after);
  }
}
