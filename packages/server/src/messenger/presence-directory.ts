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
  /**
   * The room of each online user, 0 when in none. Values are numbers rather
   * than a Presence object each, because the map contains every online user.
   */
  private readonly roomOfUser = new Map<number, number>();

  get(userId: number): Presence {
    const roomId = this.roomOfUser.get(userId);
    return roomId === undefined ? offline : { online: true, roomId };
  }

  setOnline(userId: number): void {
    this.roomOfUser.set(userId, this.roomOfUser.get(userId) ?? 0);
  }

  setOffline(userId: number): void {
    this.roomOfUser.delete(userId);
  }

  setRoom(userId: number, roomId: number): void {
    this.roomOfUser.set(userId, roomId);
  }
}
