// The message catalogue: every message of the protocol, by name and by opcode.
// docs/protocol.md is checked against it by a test.

import type { Direction, MessageDefinition, MessageFields, MessageValue } from './codec/message-definition.ts';
import * as accounts from './messages/accounts.ts';
import * as chat from './messages/chat.ts';
import * as messenger from './messages/messenger.ts';
import * as navigator from './messages/navigator.ts';
import * as rooms from './messages/rooms.ts';
import * as session from './messages/session.ts';
import * as units from './messages/units.ts';

const definitions = {
  hello: session.hello,
  ping: session.ping,
  pong: session.pong,
  ok: session.ok,
  error: session.error,
  disconnect: session.disconnect,
  register: accounts.register,
  login: accounts.login,
  resume: accounts.resume,
  logout: accounts.logout,
  update_profile: accounts.updateProfile,
  authenticated: accounts.authenticated,
  profile_updated: accounts.profileUpdated,
  navigator_search: navigator.navigatorSearch,
  navigator_results: navigator.navigatorResults,
  list_models: navigator.listModels,
  models: navigator.models,
  create_room: rooms.createRoom,
  room_created: rooms.roomCreated,
  enter_room: rooms.enterRoom,
  room_snapshot: rooms.roomSnapshot,
  doorbell_waiting: rooms.doorbellWaiting,
  doorbell_ringing: rooms.doorbellRinging,
  answer_doorbell: rooms.answerDoorbell,
  leave_room: rooms.leaveRoom,
  room_left: rooms.roomLeft,
  unit_entered: rooms.unitEntered,
  unit_removed: rooms.unitRemoved,
  unit_profile: rooms.unitProfile,
  walk: units.walk,
  set_dance: units.setDance,
  wave: units.wave,
  set_posture: units.setPosture,
  unit_status: units.unitStatusFrame,
  talk: chat.talk,
  shout: chat.shout,
  whisper: chat.whisper,
  typing: chat.typing,
  chat_message: chat.chatMessage,
  typing_status: chat.typingStatus,
  chat_muted: chat.chatMuted,
  send_friend_request: messenger.sendFriendRequest,
  friend_request_result: messenger.friendRequestResult,
  accept_friend_request: messenger.acceptFriendRequest,
  decline_friend_request: messenger.declineFriendRequest,
  decline_all_friend_requests: messenger.declineAllFriendRequests,
  list_friend_requests: messenger.listFriendRequests,
  friend_requests: messenger.friendRequests,
  friend_request: messenger.friendRequestPush,
  remove_friend: messenger.removeFriend,
  list_friends: messenger.listFriends,
  friend_list: messenger.friendList,
  friend_added: messenger.friendAdded,
  friend_removed: messenger.friendRemoved,
  friend_updated: messenger.friendUpdated,
  set_messenger_settings: messenger.setMessengerSettings,
  messenger_settings: messenger.messengerSettings,
  follow_friend: messenger.followFriend,
  send_private_message: messenger.sendPrivateMessage,
  private_message_sent: messenger.privateMessageSent,
  private_message: messenger.privateMessagePush,
  get_conversation: messenger.getConversation,
  conversation: messenger.conversation,
  ack_private_messages: messenger.ackPrivateMessages,
  invite_friends: messenger.inviteFriends,
  room_invite: messenger.roomInvite,
} as const;

export const messages = definitions;

export type Messages = typeof definitions;
export type MessageName = keyof Messages;

type NamesFrom<D extends Direction> = {
  [Name in MessageName]: Messages[Name]['direction'] extends D ? Name : never;
}[MessageName];

export type ClientMessageName = NamesFrom<'client'>;
export type ServerMessageName = NamesFrom<'server'>;

/** A decoded message of one name: `{ type: name, ...fields }`. */
export type Message<Name extends MessageName> = MessageValue<Messages[Name]>;

/** The fields of a message, as passed to the encoder. */
export type Fields<Name extends MessageName> = MessageFields<Messages[Name]>;

export type ClientMessage = { [Name in ClientMessageName]: Message<Name> }[ClientMessageName];
export type ServerMessage = { [Name in ServerMessageName]: Message<Name> }[ServerMessageName];

const byOpcode = new Map<number, MessageDefinition>();
for (const definition of Object.values(definitions) as MessageDefinition[]) {
  if (byOpcode.has(definition.opcode)) {
    throw new Error(`Opcode 0x${definition.opcode.toString(16)} is used twice in the catalogue.`);
  }
  byOpcode.set(definition.opcode, definition);
}

export function definitionByOpcode(opcode: number): MessageDefinition | undefined {
  return byOpcode.get(opcode);
}

export function allDefinitions(): MessageDefinition[] {
  return [...byOpcode.values()];
}
