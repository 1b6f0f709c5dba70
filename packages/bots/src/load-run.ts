// The simulated users of one generator process: the ramp (connect, log in,
// enter a room), the walks and chat lines, and the measurements taken from
// the frames they receive. A coordinator (coordinator.ts) moves it through
// its phases, in this process or over IPC in a child process.
//
// To stay light, a user's hot frames (unit_status, chat_message, and the unit
// arrivals and departures) never reach the SDK's decoder: a frame filter
// reads the few bytes needed (frame-readers.ts). One timing wheel drives
// every user's walks and chat lines and the ramp.

import { messages, type Message } from '@futura/protocol';
import { connectWithFrameFilter, FuturaError, type FuturaClient } from '@futura/sdk';

import { formatChatLine, parseChatMarker } from './chat-marker.ts';
import {
  CHAT_MESSAGE_OPCODE,
  UNIT_STATUS_OPCODE,
  chatUnitId,
  statusEntryCount,
  statusEntryOffset,
  statusHeldX,
  statusHeldY,
  statusMoving,
  statusUnitId,
} from './frame-readers.ts';
import { LatencyHistogram, type SerializedHistogram } from './latency-histogram.ts';
import { seededRandom } from './random.ts';
import { CREATED_ROOM_MAX_USERS, RoomGroup, floorPlan, roomName } from './room-group.ts';
import { SelfMonitor, type GeneratorLoad } from './self-monitor.ts';
import { TimingWheel } from './timing-wheel.ts';

/** The work of one generator process. The coordinator builds one per process. */
export interface WorkerPlan {
  readonly url: string;
  readonly password: string;
  readonly registerPrefix: string;
  readonly floorSide: number;
  /** Users and rooms of the whole run: user i is in room i % rooms. */
  readonly totalUsers: number;
  readonly totalRooms: number;
  /** The rooms this process runs, with all of their users. */
  readonly roomIndices: readonly number[];
  readonly rampPerSecond: number;
  readonly walkInterval: { readonly minMs: number; readonly maxMs: number };
  readonly chatInterval: { readonly minMs: number; readonly maxMs: number };
  readonly seed: number;
  /** Tag in every chat marker of this run, so that lines of other runs are ignored. */
  readonly runTag: string;
}

export type Phase = 'ramp' | 'settle' | 'warmup' | 'measure' | 'drain' | 'done';

/** Counts of one process. The `measured*` ones cover only walks and lines sent in the measured window. */
export interface RunCounters {
  started: number;
  /** Users that connected, logged in and entered their room. */
  connected: number;
  /** Users in their room now. */
  inRooms: number;
  /** Users in their room when the measured window ended. */
  inRoomsMeasured: number;
  failed: number;
  disconnects: number;
  errors: number;
  walksSent: number;
  walksRejected: number;
  chatLinesSent: number;
  foreignChatLines: number;
  measuredChatLines: number;
  measuredChatExpected: number;
  measuredChatReceived: number;
  measuredWalksTimed: number;
  measuredMovesExpected: number;
  measuredMovesObserved: number;
  measuredFrames: number;
  measuredBytes: number;
  /** unit_status frames received, and the unit statuses they carried. */
  measuredStatusFrames: number;
  measuredStatusEntries: number;
}

export interface ProgressReport {
  phase: Phase;
  users: number;
  counters: RunCounters;
  chat: SerializedHistogram;
  move: SerializedHistogram;
  cpuPercent: number;
  delayP99Ms: number;
}

export interface WorkerResult {
  users: number;
  counters: RunCounters;
  closeCodes: Record<string, number>;
  errorMessages: Record<string, number>;
  walkRejections: Record<string, number>;
  chat: SerializedHistogram;
  move: SerializedHistogram;
  rampSeconds: number;
  measuredSeconds: number;
  load: GeneratorLoad;
}

const WALK_OPCODE = messages.walk.opcode;
const UNIT_ENTERED_OPCODE = messages.unit_entered.opcode;
const UNIT_REMOVED_OPCODE = messages.unit_removed.opcode;

const WHEEL_SLOT_MS = 10;
const WHEEL_SLOTS = 4096;
const ACTION_WALK = 0;
const ACTION_CHAT = 1;
/** Users connecting at once, at most, whatever the ramp rate. */
const MAX_CONNECTING = 1000;
const ATTEMPTS_PER_USER = 3;
const CONNECT_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** Send times of this many recent chat lines are kept; a receipt of an older line is ignored. */
const CHAT_RING_SIZE = 1 << 18;
const CHAT_RING_MASK = CHAT_RING_SIZE - 1;
/** Distinct error messages counted before the rest go under one key. */
const MAX_ERROR_KINDS = 20;

class SimUser {
  readonly index: number;
  readonly name: string;
  readonly room: RoomGroup;
  readonly slot: number;
  client: FuturaClient | null = null;
  unitId = 0;
  /** Walk number of each slot of the room whose move this user has already seen. */
  readonly seenWalk: Int32Array;

  constructor(index: number, name: string, room: RoomGroup, slot: number) {
    this.index = index;
    this.name = name;
    this.room = room;
    this.slot = slot;
    this.seenWalk = new Int32Array(room.capacity);
  }

  get inRoom(): boolean {
    return this.room.inRoom[this.slot] === 1;
  }
}

function emptyCounters(): RunCounters {
  return {
    started: 0,
    connected: 0,
    inRooms: 0,
    inRoomsMeasured: 0,
    failed: 0,
    disconnects: 0,
    errors: 0,
    walksSent: 0,
    walksRejected: 0,
    chatLinesSent: 0,
    foreignChatLines: 0,
    measuredChatLines: 0,
    measuredChatExpected: 0,
    measuredChatReceived: 0,
    measuredWalksTimed: 0,
    measuredMovesExpected: 0,
    measuredMovesObserved: 0,
    measuredFrames: 0,
    measuredBytes: 0,
    measuredStatusFrames: 0,
    measuredStatusEntries: 0,
  };
}

export class LoadRun {
  readonly plan: WorkerPlan;
  readonly counters = emptyCounters();
  phase: Phase = 'ramp';

  private readonly random: () => number;
  private readonly rooms: RoomGroup[] = [];
  /** This process's users in ramp order: every room's owner first, then the second user of every room, and so on. */
  private readonly users: SimUser[] = [];
  private readonly wheel: TimingWheel;
  private readonly monitor = new SelfMonitor();
  private readonly tagBytes: Uint8Array;
  private ticker: ReturnType<typeof setInterval> | null = null;

  private readonly liveChat = new LatencyHistogram();
  private readonly liveMove = new LatencyHistogram();
  private readonly measuredChat = new LatencyHistogram();
  private readonly measuredMove = new LatencyHistogram();
  private readonly closeCodes: Record<string, number> = {};
  private readonly errorMessages: Record<string, number> = {};
  private readonly walkRejections: Record<string, number> = {};

  private readonly chatSequenceAt = new Int32Array(CHAT_RING_SIZE).fill(-1);
  private readonly chatSentAt = new Float64Array(CHAT_RING_SIZE);
  private readonly chatMeasured = new Uint8Array(CHAT_RING_SIZE);
  private nextChatSequence = 0;

  private measuring = false;
  private active = false;
  private closing = false;
  private rampStartedAt = 0;
  private rampSeconds = 0;
  private nextToStart = 0;
  private connecting = 0;
  private finishedRamp = 0;
  private rampDone: (() => void) | null = null;
  private rampDeadline = Number.POSITIVE_INFINITY;
  private measureStartedAt = 0;
  private measuredSeconds = 0;
  private measuredLoad: GeneratorLoad | null = null;

  constructor(plan: WorkerPlan) {
    this.plan = plan;
    this.random = seededRandom(plan.seed);
    this.tagBytes = new TextEncoder().encode(plan.runTag);
    this.wheel = new TimingWheel(WHEEL_SLOT_MS, WHEEL_SLOTS, (action) => this.runAction(action));

    const usersByRoom: SimUser[][] = [];
    for (const roomIndex of plan.roomIndices) {
      // User i is in room i % totalRooms, in slot i / totalRooms rounded down.
      const capacity = Math.ceil((plan.totalUsers - roomIndex) / plan.totalRooms);
      const room = new RoomGroup(roomIndex, roomName(plan.registerPrefix, roomIndex, plan.floorSide), capacity);
      this.rooms.push(room);
      const members: SimUser[] = [];
      for (let slot = 0; slot < capacity; slot++) {
        const index = slot * plan.totalRooms + roomIndex;
        members.push(new SimUser(index, `${plan.registerPrefix}${index}`, room, slot));
      }
      usersByRoom.push(members);
    }

    const maxCapacity = Math.max(0, ...usersByRoom.map((members) => members.length));
    for (let slot = 0; slot < maxCapacity; slot++) {
      for (const members of usersByRoom) {
        if (slot < members.length) {
          this.users.push(members[slot]);
        }
      }
    }
  }

  get userCount(): number {
    return this.users.length;
  }

  /**
   * Starts users at the ramp rate until all are in their rooms or have
   * failed, or until the ramp deadline of users / rate * 2 + 60 s. Users
   * still connecting at the deadline finish within their own timeouts.
   */
  ramp(): Promise<void> {
    this.phase = 'ramp';
    this.rampStartedAt = performance.now();
    const expectedMs = (this.users.length / this.plan.rampPerSecond) * 1000;
    this.rampDeadline = this.rampStartedAt + expectedMs * 2 + 60_000;
    this.ticker = setInterval(() => this.tick(), WHEEL_SLOT_MS);

    return new Promise<void>((resolve) => {
      this.rampDone = resolve;
      this.checkRampDone();
    });
  }

  /** Starts every user's walks and chat lines, each at a random point of its first interval. */
  startActivity(): void {
    this.active = true;
    const now = performance.now();
    for (let local = 0; local < this.users.length; local++) {
      if (!this.users[local].inRoom) {
        continue;
      }
      this.wheel.schedule(local * 2 + ACTION_WALK, now + this.random() * this.plan.walkInterval.maxMs);
      this.wheel.schedule(local * 2 + ACTION_CHAT, now + this.random() * this.plan.chatInterval.maxMs);
    }
  }

  setPhase(phase: Phase): void {
    this.phase = phase;
  }

  /** Starts the measured window: walks and lines sent from now on are timed into the summary. */
  startMeasuring(): void {
    this.phase = 'measure';
    this.measuring = true;
    this.measureStartedAt = performance.now();
    this.monitor.startWindow();
  }

  stopMeasuring(): void {
    this.measuring = false;
    this.counters.inRoomsMeasured = this.counters.inRooms;
    this.measuredSeconds = (performance.now() - this.measureStartedAt) / 1000;
    this.measuredLoad = this.monitor.endWindow();
  }

  /** Stops sending walks and chat lines; receipts of lines already sent are still counted. */
  stopActivity(): void {
    this.active = false;
    this.wheel.clear();
    this.phase = 'drain';
  }

  progress(): ProgressReport {
    const sample = this.monitor.sampleSecond();
    return {
      phase: this.phase,
      users: this.users.length,
      counters: { ...this.counters },
      chat: this.liveChat.serialize(),
      move: this.liveMove.serialize(),
      cpuPercent: sample.cpuPercent,
      delayP99Ms: sample.delayP99Ms,
    };
  }

  /** Closes every connection (bounded by `timeoutMs`) and returns the results of this process. */
  async finish(timeoutMs = 5000): Promise<WorkerResult> {
    this.closing = true;
    this.active = false;
    this.phase = 'done';
    if (this.ticker !== null) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
    this.wheel.clear();
    this.rampDone?.();

    const closes: Promise<unknown>[] = [];
    for (const user of this.users) {
      if (user.client !== null && !user.client.isClosed) {
        closes.push(user.client.closed);
        user.client.close();
      }
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.all(closes), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.monitor.stop();

    return {
      users: this.users.length,
      counters: { ...this.counters },
      closeCodes: { ...this.closeCodes },
      errorMessages: { ...this.errorMessages },
      walkRejections: { ...this.walkRejections },
      chat: this.measuredChat.serialize(),
      move: this.measuredMove.serialize(),
      rampSeconds: this.rampSeconds,
      measuredSeconds: this.measuredSeconds,
      load: this.measuredLoad ?? { cpuPercent: 0, eventLoopDelayMs: { p50: 0, p99: 0, max: 0 } },
    };
  }

  // The ramp.

  private tick(): void {
    const now = performance.now();
    if (this.phase === 'ramp') {
      this.startDueUsers(now);
    }
    this.wheel.advance(now);
  }

  private startDueUsers(now: number): void {
    if (now > this.rampDeadline) {
      // Users never started count as failed; the ramp ends once the started ones settle.
      const skipped = this.users.length - this.nextToStart;
      if (skipped > 0) {
        this.counters.failed += skipped;
        this.finishedRamp += skipped;
        this.countError(`not started: the ramp deadline passed`);
        this.nextToStart = this.users.length;
        this.checkRampDone();
      }
      return;
    }

    const due = Math.min(this.users.length, Math.floor(((now - this.rampStartedAt) / 1000) * this.plan.rampPerSecond) + 1);
    while (this.nextToStart < due && this.connecting < MAX_CONNECTING) {
      const user = this.users[this.nextToStart];
      this.nextToStart += 1;
      this.connecting += 1;
      this.counters.started += 1;
      void this.startUser(user).finally(() => {
        this.connecting -= 1;
        this.finishedRamp += 1;
        this.checkRampDone();
      });
    }
  }

  private checkRampDone(): void {
    if (this.rampDone !== null && this.finishedRamp >= this.users.length) {
      this.rampSeconds = (performance.now() - this.rampStartedAt) / 1000;
      const done = this.rampDone;
      this.rampDone = null;
      done();
    }
  }

  private async startUser(user: SimUser): Promise<void> {
    let lastError: Error | null = null;
    for (let attempt = 1; attempt <= ATTEMPTS_PER_USER && !this.closing; attempt++) {
      try {
        await this.joinOnce(user);
        return;
      } catch (error) {
        lastError = error as Error;
        if (user.client !== null && !user.client.isClosed) {
          user.client.close();
        }
        user.client = null;
        if (error instanceof RoomUnavailableError) {
          break;
        }
        if (attempt < ATTEMPTS_PER_USER) {
          await sleep(1000 * attempt);
        }
      }
    }

    this.counters.failed += 1;
    if (lastError !== null) {
      this.countError(lastError.message);
    }
    if (user.slot === 0) {
      user.room.rejectReady(new RoomUnavailableError(`the owner ${user.name} of room "${user.room.name}" failed to join: ${lastError?.message}`));
    }
  }

  private async joinOnce(user: SimUser): Promise<void> {
    const room = user.room;
    const client = await connectWithFrameFilter(this.plan.url, {
      timeoutMs: CONNECT_TIMEOUT_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      frameFilter: (body) => this.filterFrame(user, body),
    });
    user.client = client;

    try {
      await client.register(user.name, this.plan.password);
    } catch (error) {
      if (!(error instanceof FuturaError && error.code === 'NAME_TAKEN')) {
        throw error;
      }
      await client.login(user.name, this.plan.password);
    }
    client.on('close', (info) => this.onClose(user, client, info.code));
    client.on('error', (error) => this.onServerError(user, error));

    if (user.slot === 0 && room.roomId === 0) {
      room.roomId = await this.findOrCreateRoom(client, room);
      room.resolveReady(room.roomId);
    }
    const roomId = await withTimeout(room.ready, REQUEST_TIMEOUT_MS * 2, `room "${room.name}" was not ready in time`);

    const snapshot = await client.enterRoom(roomId);
    user.unitId = snapshot.yourUnitId;
    if (!room.hasFloor) {
      room.loadFloor(snapshot.heightmap, snapshot.doorX, snapshot.doorY);
    }
    if (room.trackerSlot === -1) {
      room.loadUnits(snapshot.units);
    }
    room.slotOfUnit.set(user.unitId, user.slot);
    room.setInRoom(user.slot, true);
    this.counters.inRooms += 1;
    this.counters.connected += 1;

    // Step off the door at once, so that arrivals do not queue there when
    // the activity starts. This walk is neither counted nor timed.
    const target = room.pickTarget(-1, this.random);
    if (target >= 0) {
      client.walk(target % room.width, Math.floor(target / room.width));
    }
  }

  private async findOrCreateRoom(client: FuturaClient, room: RoomGroup): Promise<number> {
    const { rooms } = await client.navigator('mine');
    const existing = rooms.find((summary) => summary.name === room.name);
    if (existing !== undefined) {
      if (existing.maxUsers < room.capacity) {
        throw new RoomUnavailableError(
          `the existing room "${room.name}" admits ${existing.maxUsers} users, fewer than the ${room.capacity} of this run; use another --register-prefix`,
        );
      }
      return existing.roomId;
    }

    const { heightmap, door } = floorPlan(this.plan.floorSide);
    const created = await client.createRoom({ name: room.name, heightmap, door, maxUsers: CREATED_ROOM_MAX_USERS });
    return created.roomId;
  }

  // Activity.

  private runAction(action: number): void {
    if (!this.active) {
      return;
    }
    const user = this.users[action >> 1];
    const client = user.client;
    if (client === null || client.isClosed || !user.inRoom) {
      return;
    }

    const now = performance.now();
    if ((action & 1) === ACTION_WALK) {
      this.wheel.schedule(action, now + this.drawInterval(this.plan.walkInterval));
      this.walk(user, client, now);
    } else {
      this.wheel.schedule(action, now + this.drawInterval(this.plan.chatInterval));
      this.chat(user, client, now);
    }
  }

  private drawInterval(interval: { minMs: number; maxMs: number }): number {
    return interval.minMs + this.random() * (interval.maxMs - interval.minMs);
  }

  private walk(user: SimUser, client: FuturaClient, now: number): void {
    const room = user.room;
    const current = room.heldTile(user.unitId);
    const target = room.pickTarget(current, this.random);
    if (target < 0) {
      return;
    }

    // Only a walk that starts from standing is timed: while the unit walks,
    // every status shows it moving, and a step of the old walk would count.
    // A timed walk whose move some users never saw stays counted as expected.
    if (room.moving[user.slot] === 0) {
      const observers = room.inRoomCount - 1;
      room.startWalk(user.slot, now, this.measuring, observers);
      if (this.measuring) {
        this.counters.measuredWalksTimed += 1;
        this.counters.measuredMovesExpected += observers;
      }
    }

    client.walk(target % room.width, Math.floor(target / room.width));
    this.counters.walksSent += 1;
  }

  private chat(user: SimUser, client: FuturaClient, now: number): void {
    const sequence = this.nextChatSequence;
    this.nextChatSequence = (this.nextChatSequence + 1) & 0x7fffffff;
    const ring = sequence & CHAT_RING_MASK;
    this.chatSequenceAt[ring] = sequence;
    this.chatSentAt[ring] = now;
    this.chatMeasured[ring] = this.measuring ? 1 : 0;
    if (this.measuring) {
      this.counters.measuredChatLines += 1;
      this.counters.measuredChatExpected += user.room.inRoomCount - 1;
    }

    client.talk(formatChatLine(this.plan.runTag, sequence, user.name));
    this.counters.chatLinesSent += 1;
  }

  // Receiving.

  /** Reads the hot frames in place and consumes them; everything else goes on to the SDK. */
  private filterFrame(user: SimUser, body: Uint8Array): boolean {
    if (this.measuring) {
      this.counters.measuredFrames += 1;
      // The 4-byte length prefix travels with every frame.
      this.counters.measuredBytes += body.length + 4;
    }

    const opcode = (body[0] << 8) | body[1];
    switch (opcode) {
      case UNIT_STATUS_OPCODE:
        this.readStatuses(user, body);
        return true;
      case CHAT_MESSAGE_OPCODE:
        this.readChatLine(user, body);
        return true;
      case UNIT_ENTERED_OPCODE:
        // A new unit is on the door tile, which no unit can claim. Its tile comes with its first status.
        return true;
      case UNIT_REMOVED_OPCODE:
        if (user.room.trackerSlot === user.slot && body.length >= 6) {
          user.room.removeUnit(((body[2] << 24) | (body[3] << 16) | (body[4] << 8) | body[5]) >>> 0);
        }
        return true;
      default:
        return false;
    }
  }

  private readStatuses(user: SimUser, body: Uint8Array): void {
    if (this.measuring) {
      this.counters.measuredStatusFrames += 1;
      this.counters.measuredStatusEntries += statusEntryCount(body);
    }
    const room = user.room;
    const isTracker = room.trackerSlot === user.slot && room.hasFloor;
    if (!isTracker && room.pendingWalks === 0) {
      return;
    }

    const count = statusEntryCount(body);
    let now = 0;
    for (let index = 0; index < count; index++) {
      const offset = statusEntryOffset(index);
      const unitId = statusUnitId(body, offset);
      const moving = statusMoving(body, offset);
      const slot = room.slotOfUnit.get(unitId);

      if (isTracker) {
        room.setUnitTile(unitId, statusHeldX(body, offset), statusHeldY(body, offset));
        if (slot !== undefined) {
          room.moving[slot] = moving ? 1 : 0;
        }
      }

      if (!moving || slot === undefined || slot === user.slot || room.walkRemaining[slot] === 0) {
        continue;
      }
      const walk = room.walkSequence[slot];
      if (user.seenWalk[slot] === walk) {
        continue;
      }
      user.seenWalk[slot] = walk;
      room.walkRemaining[slot] -= 1;
      if (room.walkRemaining[slot] === 0) {
        room.pendingWalks -= 1;
      }

      if (now === 0) {
        now = performance.now();
      }
      const latency = now - room.walkSentAt[slot];
      this.liveMove.record(latency);
      if (room.walkMeasured[slot] === 1) {
        this.measuredMove.record(latency);
        this.counters.measuredMovesObserved += 1;
      }
    }
  }

  private readChatLine(user: SimUser, body: Uint8Array): void {
    if (chatUnitId(body) === user.unitId) {
      return;
    }
    const sequence = parseChatMarker(body, this.tagBytes);
    if (sequence < 0) {
      this.counters.foreignChatLines += 1;
      return;
    }
    const ring = sequence & CHAT_RING_MASK;
    if (this.chatSequenceAt[ring] !== sequence) {
      return;
    }

    const latency = performance.now() - this.chatSentAt[ring];
    this.liveChat.record(latency);
    if (this.chatMeasured[ring] === 1) {
      this.measuredChat.record(latency);
      this.counters.measuredChatReceived += 1;
    }
  }

  /** Counts an `error` the server sent for a message without a requestId; failed requests reject their promise instead. */
  private onServerError(user: SimUser, error: Message<'error'>): void {
    if (error.requestId !== 0) {
      return;
    }
    if (error.opcode === WALK_OPCODE) {
      if (!this.active) {
        return;
      }
      // TILE_OCCUPIED and the like: the unit will not move, so no observer
      // waits for its move. Walks are seconds apart, so the error is for the last one.
      this.counters.walksRejected += 1;
      this.walkRejections[error.code] = (this.walkRejections[error.code] ?? 0) + 1;
      const room = user.room;
      const unseen = room.endWalk(user.slot);
      if (unseen > 0 && room.walkMeasured[user.slot] === 1) {
        this.counters.measuredMovesExpected -= unseen;
        this.counters.measuredWalksTimed -= 1;
      }
      return;
    }
    this.counters.errors += 1;
    this.countError(`server error ${error.code}: ${error.message}`);
  }

  private onClose(user: SimUser, client: FuturaClient, code: number): void {
    if (user.client !== client) {
      return;
    }
    const wasInRoom = user.inRoom;
    user.room.setInRoom(user.slot, false);
    if (wasInRoom) {
      this.counters.inRooms -= 1;
    }
    if (this.closing) {
      return;
    }
    this.counters.disconnects += 1;
    this.closeCodes[String(code)] = (this.closeCodes[String(code)] ?? 0) + 1;
  }

  private countError(message: string): void {
    const known = Object.keys(this.errorMessages);
    const key = message in this.errorMessages || known.length < MAX_ERROR_KINDS ? message : 'other errors';
    this.errorMessages[key] = (this.errorMessages[key] ?? 0) + 1;
  }
}

/** A room that cannot be entered in this run, so its users stop trying. */
class RoomUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoomUnavailableError';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
