// Async work run one piece at a time in call order, each after the one before has settled (failed ones too).
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Settles once everything queued so far has. */
  settled(): Promise<unknown> {
    return this.tail;
  }
}
