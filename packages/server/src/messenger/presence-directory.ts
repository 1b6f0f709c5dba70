// Who is online and in which room, as the futura.presence events tell it.
// Fed by the event log rather than by this process's sessions, so a friend
// connected to another hotel process shows up the same way.

export interface Presence {
  readonly online: boolean;
  /** 0 when in no room. */
  readonly roomId: number;
}

const offline: Presence = { online: false, roomId: 0 };

export class PresenceDirectory {
  private readonly byUser = new Map<number, Presence>();

  get(userId: number): Presence {
    return this.byUser.get(userId) ?? offline;
  }

  setOnline(userId: number): void {
    this.byUser.set(userId, { online: true, roomId: this.get(userId).roomId });
  }

  setOffline(userId: number): void {
    this.byUser.delete(userId);
  }

  setRoom(userId: number, roomId: number): void {
    this.byUser.set(userId, { online: true, roomId });
  }
}
