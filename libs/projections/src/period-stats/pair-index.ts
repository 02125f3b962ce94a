const EMPTY = -1;
/** A place holds its pair's first, its second and its value side by side. */
const STRIDE = 3;

/**
 * A map from a pair of small non-negative integers to a non-negative integer, in one typed
 * array with open addressing: a rebuild files ~700,000 year rows by (owner, key id), and
 * per-owner Maps spent seconds on hashing, growing and collecting their entries. A place's
 * three numbers lie together, so a lookup into a table far larger than the CPU's caches
 * misses them once, not three times.
 */
export class PairIndex {
  private places = emptyPlaces(1 << 16);
  private size = 0;

  /** The value of the pair, or -1. */
  get(first: number, second: number): number {
    const at = this.find(first, second);
    return this.places[at] === EMPTY ? EMPTY : this.places[at + 2]!;
  }

  set(first: number, second: number, value: number): void {
    const at = this.find(first, second);
    if (this.places[at] === EMPTY) {
      this.places[at] = first;
      this.places[at + 1] = second;
      this.size++;
    }
    this.places[at + 2] = value;
    // At most half full: probes stay short.
    if (2 * this.size > this.places.length / STRIDE) this.grow();
  }

  /** Where the pair is, or the empty place where it would go (linear probing). */
  private find(first: number, second: number): number {
    const { places } = this;
    const mask = places.length / STRIDE - 1;
    let at = STRIDE * ((Math.imul(first ^ Math.imul(second, 0x85ebca77), 0x9e3779b1) >>> 0) & mask);
    while (places[at] !== EMPTY && (places[at] !== first || places[at + 1] !== second)) at = at + STRIDE === places.length ? 0 : at + STRIDE;
    return at;
  }

  private grow(): void {
    const old = this.places;
    this.places = emptyPlaces((2 * old.length) / STRIDE);
    for (let i = 0; i < old.length; i += STRIDE) {
      if (old[i] === EMPTY) continue;
      const at = this.find(old[i]!, old[i + 1]!);
      this.places[at] = old[i]!;
      this.places[at + 1] = old[i + 1]!;
      this.places[at + 2] = old[i + 2]!;
    }
  }
}

function emptyPlaces(count: number): Int32Array {
  return new Int32Array(STRIDE * count).fill(EMPTY);
}
