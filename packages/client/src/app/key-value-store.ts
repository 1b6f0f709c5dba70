// Small string storage for the session token (kept across reloads and tabs)
// and the room to return to (kept per tab). Browsers may refuse storage
// (private windows, disabled cookies), so failures fall back to memory.

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** A store that lives only as long as the page. */
export class MemoryStore implements KeyValueStore {
  readonly #values = new Map<string, string>();

  get(key: string): string | null {
    return this.#values.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.#values.set(key, value);
  }

  remove(key: string): void {
    this.#values.delete(key);
  }
}

/** Wraps a Web Storage object; when it throws, the value is kept in memory instead. */
export class WebStorageStore implements KeyValueStore {
  readonly #storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  readonly #fallback = new MemoryStore();

  constructor(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null) {
    this.#storage = storage;
  }

  get(key: string): string | null {
    try {
      return this.#storage?.getItem(key) ?? this.#fallback.get(key);
    } catch {
      return this.#fallback.get(key);
    }
  }

  set(key: string, value: string): void {
    this.#fallback.set(key, value);
    try {
      this.#storage?.setItem(key, value);
    } catch {
      // Kept in memory above; the token then lasts until the page closes.
    }
  }

  remove(key: string): void {
    this.#fallback.remove(key);
    try {
      this.#storage?.removeItem(key);
    } catch {
      // Nothing stored there to remove.
    }
  }
}
