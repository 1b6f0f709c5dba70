// The messenger part of the SDK: friend requests, the friend list, private
// messages, following friends and room invites. Reached as `client.messenger`.

import type { Message } from '@futura/protocol';

import type { ClientConnection } from './client-connection.ts';

export type Friend = Message<'friend_added'>['friend'];
export type FriendRequest = Message<'friend_request'>['request'];
export type PrivateMessage = Message<'private_message'>['message'];

export interface MessengerOptions {
  /**
   * Acknowledge each received private message automatically, so the server
   * stops resending it at login. Default true.
   */
  autoAcknowledge?: boolean;
}

export class MessengerApi {
  private readonly connection: ClientConnection;
  private highestSeen = 0;
  private acknowledgeScheduled = false;

  constructor(connection: ClientConnection, options: MessengerOptions = {}) {
    this.connection = connection;

    if (options.autoAcknowledge ?? true) {
      connection.on('private_message', (message) => this.noteReceived(message.message));
    }
  }

  /**
   * Asks the user named `name` to be your friend. Resolves once the request
   * is stored; `accepted` is true when they had already asked you, which makes
   * you friends at once.
   *
   * @example const { accepted } = await client.messenger.sendFriendRequest('bob');
   */
  sendFriendRequest(name: string): Promise<Message<'friend_request_result'>> {
    return this.connection.request('send_friend_request', { name });
  }

  /** Accepts the pending request from a user. @example await client.messenger.acceptFriendRequest(42); */
  async acceptFriendRequest(userId: number): Promise<void> {
    await this.connection.request('accept_friend_request', { userId });
  }

  /** Declines the pending request from a user. @example await client.messenger.declineFriendRequest(42); */
  async declineFriendRequest(userId: number): Promise<void> {
    await this.connection.request('decline_friend_request', { userId });
  }

  /** Declines every pending request. @example await client.messenger.declineAllFriendRequests(); */
  async declineAllFriendRequests(): Promise<void> {
    await this.connection.request('decline_all_friend_requests', {});
  }

  /** Lists pending requests to you, oldest first. @example const requests = await client.messenger.friendRequests(); */
  async friendRequests(): Promise<FriendRequest[]> {
    return (await this.connection.request('list_friend_requests', {})).requests;
  }

  /** Ends a friendship. @example await client.messenger.removeFriend(42); */
  async removeFriend(userId: number): Promise<void> {
    await this.connection.request('remove_friend', { userId });
  }

  /** Lists your friends with online status and room. @example const friends = await client.messenger.friends(); */
  async friends(): Promise<Friend[]> {
    return (await this.connection.request('list_friends', {})).friends;
  }

  /**
   * Blocks new friend requests and hides your room from friends.
   *
   * @example await client.messenger.setSettings({ blockFriendRequests: false, hideRoom: true });
   */
  async setSettings(settings: { blockFriendRequests: boolean; hideRoom: boolean }): Promise<void> {
    await this.connection.request('set_messenger_settings', settings);
  }

  /**
   * Enters the room a friend is in, through the room's access check, and
   * resolves with its snapshot as enterRoom does.
   *
   * @example await client.messenger.follow(42);
   */
  follow(userId: number, password = ''): Promise<Message<'room_snapshot'>> {
    return this.connection.request('follow_friend', { userId, password });
  }

  /**
   * Sends a private message to a friend; resolves once it is stored, with its id.
   *
   * @example const { messageId } = await client.messenger.sendPrivateMessage(42, 'hi!');
   */
  sendPrivateMessage(userId: number, text: string): Promise<Message<'private_message_sent'>> {
    return this.connection.request('send_private_message', { userId, text });
  }

  /**
   * Fetches up to 50 messages with a friend, oldest first, before a message id (0: the newest).
   *
   * @example const history = await client.messenger.conversation(42);
   */
  async conversation(userId: number, beforeMessageId = 0): Promise<PrivateMessage[]> {
    return (await this.connection.request('get_conversation', { userId, beforeMessageId })).messages;
  }

  /** Marks private messages up to an id as received. @example client.messenger.acknowledge(120); */
  acknowledge(upToMessageId: number): void {
    this.connection.send('ack_private_messages', { upToMessageId });
  }

  /** Invites friends to your current room. @example await client.messenger.invite([42, 43], 'Party here!'); */
  async invite(userIds: number[], text: string): Promise<void> {
    await this.connection.request('invite_friends', { userIds, text });
  }

  // Acknowledges once per event-loop turn, for the highest id seen, rather than once per message.
  private noteReceived(message: PrivateMessage): void {
    this.highestSeen = Math.max(this.highestSeen, message.messageId);
    if (this.acknowledgeScheduled) {
      return;
    }

    this.acknowledgeScheduled = true;
    queueMicrotask(() => {
      this.acknowledgeScheduled = false;
      if (!this.connection.isClosed) {
        this.acknowledge(this.highestSeen);
      }
    });
  }
}
