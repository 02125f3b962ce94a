const EMPTY = -1;

/**
 * A map from a pair of small non-negative integers to a non-negative integer, in typed
 * arrays with open addressing: a rebuild files ~700,000 year rows by (owner, key id), and
 * per-owner Maps spent seconds on hashing, growing and collecting their entries.
 */
export class PairIndex {
  private firsts = new Int32Array(1 << 16).fill(EMPTY);
  private seconds = new Int32Array(1 << 16);
  private values = new Int32Array(1 << 16);
  private size = 0;

  /** The value of the pair, or -1. */
  get(first: number, second: number): number {
    const at = this.find(first, second);
    return this.firsts[at] === EMPTY ? EMPTY : this.values[at]!;
  }

  set(first: number, second: number, value: number): void {
    const at = this.find(first, second);
    if (this.firsts[at] === EMPTY) {
      this.firsts[at] = first;
      this.seconds[at] = second;
      this.size++;
    }
    this.values[at] = value;
    // At most half full: probes stay short.
    if (2 * this.size > this.firsts.length) this.grow();
  }

  /** Where the pair is, or the empty place where it would go (linear probing). */
  private find(first: number, second: number): number {
    const mask = this.firsts.length - 1;
    let at = (Math.imul(first ^ Math.imul(second, 0x85ebca77), 0x9e3779b1) >>> 0) & mask;
    while (this.firsts[at] !== EMPTY && (this.firsts[at] !== first || this.seconds[at] !== second)) at = (at + 1) & mask;
    return at;
  }

  private grow(): void {
    const { firsts, seconds, values } = this;
    this.firsts = new Int32Array(firsts.length * 2).fill(EMPTY);
    this.seconds = new Int32Array(firsts.length * 2);
    this.values = new Int32Array(firsts.length * 2);
    for (let i = 0; i < firsts.length; i++) {
      if (firsts[i] === EMPTY) continue;
      const at = this.find(firsts[i]!, seconds[i]!);
      this.firsts[at] = firsts[i]!;
      this.seconds[at] = seconds[i]!;
      this.values[at] = values[i]!;
    }
  }
}
