// Reconnection delays: exponential with jitter, reset once a session is established.

export class Backoff {
  #initialMillis;
  #maxMillis;
  #random;
  #ceiling;

  /**
   * @param {{ initialMillis?: number, maxMillis?: number, random?: () => number }} [options]
   */
  constructor({ initialMillis = 250, maxMillis = 10_000, random = Math.random } = {}) {
    this.#initialMillis = initialMillis;
    this.#maxMillis = maxMillis;
    this.#random = random;
    this.#ceiling = initialMillis;
  }

  /** The next delay: between half and all of the current ceiling, which then doubles up to the maximum. */
  next() {
    const ceiling = this.#ceiling;
    this.#ceiling = Math.min(ceiling * 2, this.#maxMillis);
    return Math.round(ceiling / 2 + this.#random() * (ceiling / 2));
  }

  /** Back to the initial delay (after a Welcome). */
  reset() {
    this.#ceiling = this.#initialMillis;
  }
}
