// The ids of the events a consumer handled last, so that a record the log
// delivers twice has its effect once. A retried send may land twice, and the
// relay that takes over the outbox lease of a process sharing the database may
// publish that process's last batch again. Such copies arrive close together,
// so a bounded memory is enough for effects that are not state, like pushing
// a frame to a client.

export class RecentEventIds {
  private readonly capacity: number;
  private readonly ids = new Set<string>();

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** Records the id and returns true, or returns false when it is already among the recent ids. */
  firstSighting(id: string): boolean {
    if (this.ids.has(id)) {
      return false;
    }

    // A Set iterates in insertion order, so its first id is the oldest.
    if (this.ids.size >= this.capacity) {
      const oldest = this.ids.values().next().value!;
      this.ids.delete(oldest);
    }
    this.ids.add(id);
    return true;
  }
}
