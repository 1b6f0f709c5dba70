// Messenger messages: friend requests, the friend list, private messages,
// following a friend and room invites.
//
// send_friend_request         (client) u32 requestId | string name
// friend_request_result       (server) u32 requestId | u32 userId | string name | bool accepted
// accept_friend_request       (client) u32 requestId | u32 userId
// decline_friend_request      (client) u32 requestId | u32 userId
// decline_all_friend_requests (client) u32 requestId
// list_friend_requests        (client) u32 requestId
// friend_requests             (server) u32 requestId | list<friend_request> requests
// friend_request              (server) friend_request request
// remove_friend               (client) u32 requestId | u32 userId
// list_friends                (client) u32 requestId
// friend_list                 (server) u32 requestId | list<friend> friends
// friend_added                (server) friend friend
// friend_removed              (server) u32 userId
// friend_updated              (server) friend friend
// set_messenger_settings      (client) u32 requestId | bool blockFriendRequests | bool hideRoom
// messenger_settings          (server) bool blockFriendRequests | bool hideRoom
// follow_friend               (client) u32 requestId | u32 userId | string password
// send_private_message        (client) u32 requestId | u32 userId | string text
// private_message_sent        (server) u32 requestId | u32 messageId | f64 sentAt
// private_message             (server) private_message message
// get_conversation            (client) u32 requestId | u32 userId | u32 beforeMessageId
// conversation                (server) u32 requestId | u32 userId | list<private_message> messages
// ack_private_messages        (client) u32 upToMessageId
// invite_friends              (client) u32 requestId | list<u32> userIds | string text
// room_invite                 (server) u32 fromUserId | string fromName | u32 roomId | string roomName | string text

import { t } from '../codec/field-types.ts';
import { defineMessage } from '../codec/message-definition.ts';

/** Most friends a user can have; a request that would pass it on either side is rejected. */
export const FRIEND_LIMIT = 300;

/** Maximum messages in one conversation response. */
export const CONVERSATION_PAGE = 50;

const textField = t.string(400);

export const friend = t.struct('friend', {
  userId: t.u32(),
  name: t.string(60),
  figure: t.string(200),
  motto: t.string(200),
  online: t.bool(),
  roomId: t.u32(),
  roomName: t.string(240),
});

export const friendRequestEntry = t.struct('friend_request', {
  userId: t.u32(),
  name: t.string(60),
  figure: t.string(200),
  sentAt: t.f64(),
});

export const privateMessageEntry = t.struct('private_message', {
  messageId: t.u32(),
  fromUserId: t.u32(),
  toUserId: t.u32(),
  text: textField,
  sentAt: t.f64(),
});

export const sendFriendRequest = defineMessage({
  name: 'send_friend_request',
  opcode: 0x0601,
  direction: 'client',
  summary: 'Ask a user by name to be your friend. If they already asked you, this accepts their request instead.',
  fields: { requestId: t.u32(), name: t.string(64) },
});

export const friendRequestResult = defineMessage({
  name: 'friend_request_result',
  opcode: 0x8601,
  direction: 'server',
  summary: 'Answer to send_friend_request, after the request is committed. accepted is true when it accepted their earlier request.',
  fields: { requestId: t.u32(), userId: t.u32(), name: t.string(60), accepted: t.bool() },
});

export const acceptFriendRequest = defineMessage({
  name: 'accept_friend_request',
  opcode: 0x0602,
  direction: 'client',
  summary: 'Accept the pending request from a user; both friend lists get friend_added.',
  fields: { requestId: t.u32(), userId: t.u32() },
});

export const declineFriendRequest = defineMessage({
  name: 'decline_friend_request',
  opcode: 0x0603,
  direction: 'client',
  summary: 'Decline the pending request from a user.',
  fields: { requestId: t.u32(), userId: t.u32() },
});

export const declineAllFriendRequests = defineMessage({
  name: 'decline_all_friend_requests',
  opcode: 0x0604,
  direction: 'client',
  summary: 'Decline every pending request you have received.',
  fields: { requestId: t.u32() },
});

export const listFriendRequests = defineMessage({
  name: 'list_friend_requests',
  opcode: 0x0605,
  direction: 'client',
  summary: 'List the pending requests you have received.',
  fields: { requestId: t.u32() },
});

export const friendRequests = defineMessage({
  name: 'friend_requests',
  opcode: 0x8602,
  direction: 'server',
  summary: 'Pending requests you have received, oldest first: the answer to list_friend_requests, and sent with requestId 0 after every login.',
  fields: { requestId: t.u32(), requests: t.list(friendRequestEntry, FRIEND_LIMIT) },
});

export const friendRequestPush = defineMessage({
  name: 'friend_request',
  opcode: 0x8603,
  direction: 'server',
  summary: 'Someone sent you a friend request while you are online.',
  fields: { request: friendRequestEntry },
});

export const removeFriend = defineMessage({
  name: 'remove_friend',
  opcode: 0x0606,
  direction: 'client',
  summary: 'End a friendship; both sides get friend_removed.',
  fields: { requestId: t.u32(), userId: t.u32() },
});

export const listFriends = defineMessage({
  name: 'list_friends',
  opcode: 0x0607,
  direction: 'client',
  summary: 'List your friends with their online status and room.',
  fields: { requestId: t.u32() },
});

export const friendList = defineMessage({
  name: 'friend_list',
  opcode: 0x8604,
  direction: 'server',
  summary: 'Answer to list_friends, sorted by name. roomId is 0 when the friend is in no room or hides it.',
  fields: { requestId: t.u32(), friends: t.list(friend, FRIEND_LIMIT) },
});

export const friendAdded = defineMessage({
  name: 'friend_added',
  opcode: 0x8605,
  direction: 'server',
  summary: 'A friendship began.',
  fields: { friend },
});

export const friendRemoved = defineMessage({
  name: 'friend_removed',
  opcode: 0x8606,
  direction: 'server',
  summary: 'A friendship ended.',
  fields: { userId: t.u32() },
});

export const friendUpdated = defineMessage({
  name: 'friend_updated',
  opcode: 0x8607,
  direction: 'server',
  summary: 'A friend came online, went offline, moved to another room or changed their look.',
  fields: { friend },
});

export const setMessengerSettings = defineMessage({
  name: 'set_messenger_settings',
  opcode: 0x0608,
  direction: 'client',
  summary: 'Block new friend requests, and hide your room from friends.',
  fields: { requestId: t.u32(), blockFriendRequests: t.bool(), hideRoom: t.bool() },
});

export const messengerSettings = defineMessage({
  name: 'messenger_settings',
  opcode: 0x860c,
  direction: 'server',
  summary: 'Your messenger settings as stored: sent after every login and after each set_messenger_settings.',
  fields: { blockFriendRequests: t.bool(), hideRoom: t.bool() },
});

export const followFriend = defineMessage({
  name: 'follow_friend',
  opcode: 0x0609,
  direction: 'client',
  summary: 'Enter the room a friend is in, through its normal access check; answered as enter_room is.',
  fields: { requestId: t.u32(), userId: t.u32(), password: t.string(128) },
});

export const sendPrivateMessage = defineMessage({
  name: 'send_private_message',
  opcode: 0x060a,
  direction: 'client',
  summary: 'Send a private message to a friend, online or not. Same length rules and flood control as room chat.',
  fields: { requestId: t.u32(), userId: t.u32(), text: textField },
});

export const privateMessageSent = defineMessage({
  name: 'private_message_sent',
  opcode: 0x8608,
  direction: 'server',
  summary: 'Answer to send_private_message, after the message is committed.',
  fields: { requestId: t.u32(), messageId: t.u32(), sentAt: t.f64() },
});

export const privateMessagePush = defineMessage({
  name: 'private_message',
  opcode: 0x8609,
  direction: 'server',
  summary: 'A private message for you: live, or after login until you acknowledge it. De-duplicate by messageId.',
  fields: { message: privateMessageEntry },
});

export const getConversation = defineMessage({
  name: 'get_conversation',
  opcode: 0x060b,
  direction: 'client',
  summary: 'Fetch up to 50 messages with a friend before beforeMessageId (0 for the newest), oldest first.',
  fields: { requestId: t.u32(), userId: t.u32(), beforeMessageId: t.u32() },
});

export const conversation = defineMessage({
  name: 'conversation',
  opcode: 0x860a,
  direction: 'server',
  summary: 'Answer to get_conversation.',
  fields: { requestId: t.u32(), userId: t.u32(), messages: t.list(privateMessageEntry, CONVERSATION_PAGE) },
});

export const ackPrivateMessages = defineMessage({
  name: 'ack_private_messages',
  opcode: 0x060c,
  direction: 'client',
  summary: 'Mark every private message to you up to this id as received, so logins no longer resend them.',
  fields: { upToMessageId: t.u32() },
});

export const inviteFriends = defineMessage({
  name: 'invite_friends',
  opcode: 0x060d,
  direction: 'client',
  summary: 'Invite friends to the room you are in; online friends get room_invite. Same text rules as chat.',
  fields: { requestId: t.u32(), userIds: t.list(t.u32(), 100), text: textField },
});

export const roomInvite = defineMessage({
  name: 'room_invite',
  opcode: 0x860b,
  direction: 'server',
  summary: 'A friend invites you to their room.',
  fields: { fromUserId: t.u32(), fromName: t.string(60), roomId: t.u32(), roomName: t.string(240), text: textField },
});
