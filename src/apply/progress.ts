// How far a change-by-change apply is, told as it goes: for a progress display of a long apply.

/** Changes in effect, not applied (or not sent), being sent again, and not settled yet. */
export interface ChangeProgress {
  total: number;
  applied: number;
  notApplied: number;
  retrying: number;
  left: number;
}

/** Tallies each change as it settles (once, or again when a later word replaces the first). */
export class ProgressTally {
  private readonly settled = new Set<number>();
  private readonly landed = new Set<number>();
  private readonly retrying = new Set<number>();

  constructor(
    private readonly total: number,
    private readonly tell: ((progress: ChangeProgress) => void) | undefined,
  ) {}

  settle(index: number, landed: boolean): void {
    this.settled.add(index);
    if (landed) this.landed.add(index);
    else this.landed.delete(index);
    this.retrying.delete(index);
    this.report();
  }

  retry(index: number): void {
    this.retrying.add(index);
    this.report();
  }

  private report(): void {
    this.tell?.({
      total: this.total,
      applied: this.landed.size,
      notApplied: this.settled.size - this.landed.size,
      retrying: this.retrying.size,
      left: this.total - this.settled.size,
    });
  }
}
