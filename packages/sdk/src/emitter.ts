// A small typed event emitter. Node's EventEmitter is not available in
// browsers, and EventTarget would lose the per-event payload types.

/** A listener for the event `Type` of an event map. */
export type Listener<Events, Type extends keyof Events> = (event: Events[Type]) => void;

/**
 * Calls listeners registered per event type, with the payload type that the
 * map `Events` gives for that type.
 *
 * A listener that throws does not stop the other listeners or the caller of
 * `emit`. Its error is rethrown from a microtask, so it reaches the global
 * error handler: an uncaught exception in Node, the console in a browser.
 *
 * @example
 * const emitter = new TypedEmitter<{ tick: number }>();
 * const unsubscribe = emitter.on('tick', (count) => console.log(count));
 * emitter.emit('tick', 1);
 * unsubscribe();
 */
export class TypedEmitter<Events> {
  private readonly listeners = new Map<keyof Events, Set<(event: never) => void>>();

  /** Adds a listener and returns a function that removes it again. */
  on<Type extends keyof Events>(type: Type, listener: Listener<Events, Type>): () => void {
    let set = this.listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
    return () => this.off(type, listener);
  }

  /** Adds a listener that removes itself after its first call, and returns a function that removes it earlier. */
  once<Type extends keyof Events>(type: Type, listener: Listener<Events, Type>): () => void {
    const unsubscribe = this.on(type, (event) => {
      unsubscribe();
      listener(event);
    });
    return unsubscribe;
  }

  /** Removes a listener added with `on`, or does nothing if it is not registered. */
  off<Type extends keyof Events>(type: Type, listener: Listener<Events, Type>): void {
    const set = this.listeners.get(type);
    if (set === undefined) {
      return;
    }
    set.delete(listener);
    if (set.size === 0) {
      this.listeners.delete(type);
    }
  }

  /** Calls every listener of `type` in the order they were added, on a copy of the list. */
  emit<Type extends keyof Events>(type: Type, event: Events[Type]): void {
    const set = this.listeners.get(type);
    if (set === undefined) {
      return;
    }

    for (const listener of [...set] as Listener<Events, Type>[]) {
      try {
        listener(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Returns the number of listeners of `type`. */
  listenerCount(type: keyof Events): number {
    return this.listeners.get(type)?.size ?? 0;
  }

  /** Removes every listener of every type. */
  removeAll(): void {
    this.listeners.clear();
  }
}
