/**
 * Runs work one at a time per key, in arrival order. The executor serialises the commands
 * of one stream inside one process this way, so they do not race each other into
 * concurrency conflicts; conflicts with other processes are still caught by the expected
 * revision and retried.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => turn);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      // The last in line cleans up, so idle keys hold no memory.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work running or waiting (tests). */
  get size(): number {
    return this.tails.size;
  }
}
