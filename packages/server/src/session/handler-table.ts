// The opcode dispatch table: every client message and its handler.

import * as accounts from '../accounts/account-handlers.ts';
import * as chat from '../chat/chat-handlers.ts';
import * as messenger from '../messenger/messenger-handlers.ts';
import * as navigator from '../navigator/navigator-handlers.ts';
import * as rooms from '../rooms/room-handlers.ts';
import * as units from '../rooms/unit-handlers.ts';
import type { HandlerTable } from './dispatcher.ts';

export const handlerTable: HandlerTable = {
  ping: (_context, session, message) => session.send('pong', { nonce: message.nonce }),
  register: accounts.register,
  login: accounts.login,
  resume: accounts.resume,
  logout: accounts.logout,
  update_profile: accounts.updateProfile,
  navigator_search: navigator.navigatorSearch,
  list_models: navigator.listModels,
  create_room: rooms.createRoom,
  enter_room: rooms.enterRoom,
  answer_doorbell: rooms.answerDoorbell,
  leave_room: rooms.leaveRoom,
  walk: units.walk,
  set_dance: units.setDance,
  wave: units.wave,
  set_posture: units.setPosture,
  talk: chat.talk,
  shout: chat.shout,
  whisper: chat.whisper,
  typing: chat.typing,
  send_friend_request: messenger.sendFriendRequest,
  accept_friend_request: messenger.acceptFriendRequest,
  decline_friend_request: messenger.declineFriendRequest,
  decline_all_friend_requests: messenger.declineAllFriendRequests,
  list_friend_requests: messenger.listFriendRequests,
  remove_friend: messenger.removeFriend,
  list_friends: messenger.listFriends,
  set_messenger_settings: messenger.setMessengerSettings,
  follow_friend: messenger.followFriend,
  send_private_message: messenger.sendPrivateMessage,
  get_conversation: messenger.getConversation,
  ack_private_messages: messenger.ackPrivateMessages,
  invite_friends: messenger.inviteFriends,
};
