// The client API: one method per protocol request or action, on top of the
// connection in client-connection.ts.

import { navigatorViews, postures, roomAccess, type Message } from '@futura/protocol';
import { ClientConnection } from './client-connection.ts';
import { MessengerApi } from './messenger-api.ts';
import { NORMAL_CLOSE } from './close-codes.ts';
import type { CloseInfo } from './errors.ts';
import type { Door } from './room-state.ts';

/** Options of `createRoom`. Every field but `name` has a default. */
export interface CreateRoomOptions {
  name: string;
  /** Default ''. */
  description?: string;
  /** A floor plan model from `listModels`, which also sets the door. Default '', which uses `heightmap` and `door`. */
  model?: string;
  /** Rows of tile heights separated by newlines, used when `model` is ''. Default ''. */
  heightmap?: string;
  /** Used when `model` is ''. Default { x: 0, y: 0, dir: 2 }. */
  door?: Door;
  /** Default 25. */
  maxUsers?: number;
  /** Default 'open'. */
  access?: keyof typeof roomAccess;
  /** Read only for access 'password'. Default ''. */
  password?: string;
}

/**
 * A connection to a Futura server, created by `connect`. Request methods
 * return promises that reject with FuturaError on an `error` response,
 * ConnectionClosedError when the connection closes first, and
 * RequestTimeoutError after `requestTimeoutMs`. Action methods (walk, talk
 * and the like) get no response. The server reports their failures as
 * `error` events with requestId 0.
 *
 * Nothing is checked against the domain rules before sending, because the
 * server decides. Values that do not fit the wire format, such as walk(300, 0),
 * throw a RangeError or TypeError that names the field.
 *
 * @example
 * const client = await connect('ws://127.0.0.1:8080/ws');
 * await client.login('alice', 'correct horse');
 * client.on('chat_message', (message) => console.log(message.unitId, message.text));
 * await client.enterRoom(1);
 * client.talk('Hello!');
 */
export class FuturaClient extends ClientConnection {
  /** Friends, friend requests, private messages and invites. */
  readonly messenger = new MessengerApi(this);

  // Requests.

  /**
   * Creates an account and logs in. An empty figure (the default) gets the server's default look.
   *
   * @example const me = await client.register('alice', 'correct horse');
   */
  register(name: string, password: string, figure = ''): Promise<Message<'authenticated'>> {
    return this.request('register', { name, password, figure });
  }

  /**
   * Logs in with name and password.
   *
   * @example const me = await client.login('alice', 'correct horse');
   */
  login(name: string, password: string): Promise<Message<'authenticated'>> {
    return this.request('login', { name, password });
  }

  /**
   * Logs in again with the token of an earlier `authenticated` (see `user.token`).
   *
   * @example await client.resume(savedToken);
   */
  resume(token: string): Promise<Message<'authenticated'>> {
    return this.request('resume', { token });
  }

  /**
   * Sends `logout`, which revokes the session token, and resolves with the
   * close info once the server closes the connection. If the server has not
   * closed it after `requestTimeoutMs`, the client closes it and resolves.
   *
   * @example const { code } = await client.logout(); // 1000
   */
  async logout(): Promise<CloseInfo> {
    this.send('logout', {});
    const timer = setTimeout(
      () => this.transport.close(NORMAL_CLOSE, `The server did not close the connection within ${this.timeouts.requestTimeoutMs} ms of logout.`),
      this.timeouts.requestTimeoutMs,
    );
    const info = await this.closed;
    clearTimeout(timer);
    return info;
  }

  /**
   * Changes the avatar figure and motto, and resolves with the values the server stored.
   *
   * @example await client.updateProfile('hd-180-1.ch-210-66', 'Out for lunch');
   */
  updateProfile(figure: string, motto: string): Promise<Message<'profile_updated'>> {
    return this.request('update_profile', { figure, motto });
  }

  /**
   * Lists rooms: public ones, the most popular by current users, your own,
   * or those whose room or owner name matches `query` (view 'search').
   *
   * @example const { rooms } = await client.navigator('search', 'lobby');
   */
  navigator(view: keyof typeof navigatorViews, query = ''): Promise<Message<'navigator_results'>> {
    return this.request('navigator_search', { view: navigatorViews[view], query });
  }

  /**
   * Lists the floor plan models a new room can use.
   *
   * @example const { models } = await client.listModels();
   */
  listModels(): Promise<Message<'models'>> {
    return this.request('list_models', {});
  }

  /**
   * Creates a room and resolves with `room_created`, which carries the new
   * roomId. Defaults: description '', model '', heightmap '',
   * door { x: 0, y: 0, dir: 2 }, maxUsers 25, access 'open', password ''.
   *
   * @example const { roomId } = await client.createRoom({ name: 'Tea room', model: 'model_a' });
   */
  createRoom(options: CreateRoomOptions): Promise<Message<'room_created'>> {
    const door = options.door ?? { x: 0, y: 0, dir: 2 };
    return this.request('create_room', {
      name: options.name,
      description: options.description ?? '',
      model: options.model ?? '',
      heightmap: options.heightmap ?? '',
      doorX: door.x,
      doorY: door.y,
      doorDir: door.dir,
      maxUsers: options.maxUsers ?? 25,
      access: roomAccess[options.access ?? 'open'],
      password: options.password ?? '',
    });
  }

  /**
   * Enters a room, leaving the current one, and resolves with the snapshot;
   * `client.room` is set by then. In a doorbell room the server first sends
   * `doorbell_waiting`, emitted as an event, and the promise waits up to
   * `doorbellTimeoutMs` more. It rejects with FuturaError
   * ROOM_DOORBELL_DENIED when nobody lets the user in.
   *
   * @example const snapshot = await client.enterRoom(7, 'secret');
   */
  enterRoom(roomId: number, password = ''): Promise<Message<'room_snapshot'>> {
    return this.request('enter_room', { roomId, password });
  }

  /**
   * Lets a user waiting at the door of your current room in (allow true) or turns them away.
   *
   * @example await client.answerDoorbell('bob', true);
   */
  async answerDoorbell(name: string, allow: boolean): Promise<void> {
    await this.request('answer_doorbell', { name, allow });
  }

  /**
   * Leaves the current room. `client.room` is null once this resolves.
   *
   * @example await client.leaveRoom();
   */
  async leaveRoom(): Promise<void> {
    await this.request('leave_room', {});
  }

  // Actions without a response.

  /** Walks to the tile (x, y). @example client.walk(3, 5); */
  walk(x: number, y: number): void {
    this.send('walk', { x, y });
  }

  /** Says a line to the room. @example client.talk('Hello!'); */
  talk(text: string): void {
    this.send('talk', { text });
  }

  /** Shouts a line to the room. @example client.shout('Party in room 7!'); */
  shout(text: string): void {
    this.send('shout', { text });
  }

  /** Whispers to the user named `target` in the same room. @example client.whisper('bob', 'psst'); */
  whisper(target: string, text: string): void {
    this.send('whisper', { target, text });
  }

  /** Shows (true) or hides (false) the typing indicator over your avatar. @example client.typing(true); */
  typing(active: boolean): void {
    this.send('typing', { active });
  }

  /** Dances in style 1 to 4, or stops dancing with 0. @example client.dance(1); */
  dance(style: number): void {
    this.send('set_dance', { style });
  }

  /** Waves for two seconds. @example client.wave(); */
  wave(): void {
    this.send('wave', {});
  }

  /** Sits down on the floor. @example client.sit(); */
  sit(): void {
    this.send('set_posture', { posture: postures.sit });
  }

  /** Stands up. @example client.stand(); */
  stand(): void {
    this.send('set_posture', { posture: postures.stand });
  }
}
