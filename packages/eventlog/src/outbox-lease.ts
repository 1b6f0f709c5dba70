import type { DatabaseSync, StatementSync } from 'node:sqlite';

import type { EventLogLogger } from './event-log.ts';
import { runInTransaction } from './sqlite/schema.ts';

export interface OutboxLeaseOptions {
  /** The database of the outbox, with the `eventlog_outbox_lease` table already created. */
  db: DatabaseSync;
  /** Name of this relay in the lease row and in logs. It must differ between relays and between starts of one process. */
  holderId: string;
  /**
   * Name of the process that stays the same across its restarts, and that no
   * two running processes share. When given, the relay's first look at the
   * lease takes it at once from an earlier run of the same instance, which
   * can no longer be running, instead of waiting for that lease to expire.
   */
  instanceId?: string;
  /** How long the lease lasts after each renewal, in ms. */
  leaseMs: number;
  logger: EventLogLogger;
  /** Wall-clock time in ms. Processes on one host compare expiry times, so all of them must use this same clock. */
  now: () => number;
}

interface LeaseRow {
  holder: string;
  holderInstance: string | null;
  expiresAt: number;
}

/** Shortest wait before the next attempt after a renewal failed, so that a busy database is not hammered. */
const RETRY_AFTER_FAILED_RENEWAL_MS = 10;

/**
 * The right to publish the outbox of one database, held by one relay at a
 * time. The holder renews it every third of the lease, and another relay
 * takes it once it has expired. The others look every third of the lease, so
 * a holder that died or stalled is replaced within 1⅓ leases. A process
 * restarted after a crash does not wait for its own earlier lease to expire
 * (see `instanceId`).
 *
 * A holder starts a batch only while at least two thirds of its lease remain
 * (`mayStartBatch`), so a batch whose produce call ends within that time is
 * done before anyone may take over. A produce call that outlives it can land
 * after the next holder republished the same rows: delivery stays at least
 * once, and consumers de-duplicate by event id.
 */
export class OutboxLease {
  readonly holderId: string;
  readonly instanceId: string | undefined;
  readonly leaseMs: number;
  readonly renewIntervalMs: number;
  readonly #db: DatabaseSync;
  readonly #logger: EventLogLogger;
  readonly #now: () => number;
  readonly #select: StatementSync;
  readonly #take: StatementSync;
  readonly #release: StatementSync;
  /** Expiry of the lease as this relay last wrote it; 0 while it does not hold it. */
  #expiresAt = 0;
  #renewedAt = 0;
  /** Whether the last lease line this relay logged was that it took the lease. */
  #announcedAsHolder = false;
  /** True until this relay has read the lease once: only then may it replace an earlier run of its instance. */
  #firstLook = true;

  constructor(options: OutboxLeaseOptions) {
    if (!(options.leaseMs > 0) || !Number.isFinite(options.leaseMs)) {
      throw new RangeError(`leaseMs must be a positive number of milliseconds, got ${options.leaseMs}`);
    }
    this.holderId = options.holderId;
    this.instanceId = options.instanceId;
    this.leaseMs = options.leaseMs;
    this.renewIntervalMs = options.leaseMs / 3;
    this.#db = options.db;
    this.#logger = options.logger;
    this.#now = options.now;

    this.#select = this.#db.prepare(
      'SELECT holder, holder_instance AS holderInstance, expires_at AS expiresAt FROM eventlog_outbox_lease WHERE id = 1',
    );
    // acquired_at keeps the start of the current holder's tenure across its renewals.
    this.#take = this.#db.prepare(`
      INSERT INTO eventlog_outbox_lease (id, holder, holder_instance, acquired_at, expires_at) VALUES (1, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET
        acquired_at = CASE WHEN holder = excluded.holder THEN acquired_at ELSE excluded.acquired_at END,
        holder = excluded.holder,
        holder_instance = excluded.holder_instance,
        expires_at = excluded.expires_at`);
    this.#release = this.#db.prepare('UPDATE eventlog_outbox_lease SET expires_at = ? WHERE id = 1 AND holder = ?');
  }

  /** Whether this relay holds an unexpired lease. */
  get held(): boolean {
    return this.#expiresAt > this.#now();
  }

  /** Returns true while enough of the lease remains to start a batch, that is, for one renewal interval after each renewal. */
  mayStartBatch(): boolean {
    return this.held && this.#now() < this.#renewedAt + this.renewIntervalMs;
  }

  /** Returns the milliseconds until `maintain` has work: the next renewal for the holder, the next look at the lease for the others. */
  msUntilDue(): number {
    if (!this.held) {
      return this.renewIntervalMs;
    }
    return Math.max(RETRY_AFTER_FAILED_RENEWAL_MS, this.#renewedAt + this.renewIntervalMs - this.#now());
  }

  /**
   * Takes the lease when it is free or expired, or renews ours when a renewal
   * is due. Must not run inside an open transaction.
   */
  maintain(): void {
    if (this.mayStartBatch()) {
      return;
    }

    // Others look with a plain read first, so a standby relay costs no write transaction.
    if (!this.held) {
      const current = this.#select.get() as LeaseRow | undefined;
      if (current && this.#mustWaitFor(current, this.#now())) {
        this.#firstLook = false;
        this.#noteHeldBy(current.holder);
        return;
      }
    }

    try {
      runInTransaction(this.#db, () => this.#takeOrRenew());
    } catch (error) {
      this.#logger.warn({ err: error, holder: this.holderId }, 'taking or renewing the outbox lease failed; retrying');
      if (!this.held) {
        this.#noteHeldBy(undefined);
      }
    }
  }

  /** Ends this relay's lease so that another relay takes over without waiting for expiry. Call it after the last batch, outside any open transaction. */
  release(): void {
    if (!this.held) {
      return;
    }

    const now = this.#now();
    this.#release.run(now, this.holderId);
    this.#expiresAt = 0;
    this.#announcedAsHolder = false;
    this.#logger.info({ holder: this.holderId }, 'outbox relay released the publishing lease');
  }

  #takeOrRenew(): void {
    const now = this.#now();
    const current = this.#select.get() as LeaseRow | undefined;
    if (current && this.#mustWaitFor(current, now)) {
      this.#firstLook = false;
      this.#noteHeldBy(current.holder);
      return;
    }

    this.#take.run(this.holderId, this.instanceId ?? null, now, now + this.leaseMs);
    this.#firstLook = false;
    this.#expiresAt = now + this.leaseMs;
    this.#renewedAt = now;
    if (!this.#announcedAsHolder) {
      this.#announcedAsHolder = true;
      this.#logger.info(
        { holder: this.holderId, previousHolder: current?.holder ?? null, leaseMs: this.leaseMs },
        'outbox relay took the publishing lease',
      );
    }
  }

  /** Returns true when `lease` belongs to another relay that may still be running. */
  #mustWaitFor(lease: LeaseRow, now: number): boolean {
    if (lease.holder === this.holderId || lease.expiresAt <= now) {
      return false;
    }

    const earlierRunOfThisInstance = this.instanceId !== undefined && lease.holderInstance === this.instanceId;
    return !(this.#firstLook && earlierRunOfThisInstance);
  }

  /** Records that this relay does not hold the lease. `holder` is the relay that does, when known. */
  #noteHeldBy(holder: string | undefined): void {
    this.#expiresAt = 0;
    if (this.#announcedAsHolder) {
      this.#announcedAsHolder = false;
      this.#logger.info({ holder: this.holderId, newHolder: holder ?? null }, 'outbox relay lost the publishing lease');
    }
  }
}
