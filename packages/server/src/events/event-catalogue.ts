// Every event type the hotel writes to the event log: its topic, the data
// field that keys it (and so picks its partition), and its data fields.
// docs/events.md is checked against this catalogue by a test.

export type DataFieldType = 'number' | 'string' | 'boolean';

export interface TopicSpecEntry {
  readonly name: string;
  readonly key: string;
  readonly retentionDays: number;
  readonly summary: string;
}

export const topics = {
  roomEvents: {
    name: 'futura.room-events',
    key: 'room id',
    retentionDays: 30,
    summary: 'What happens to rooms: created, entered, left.',
  },
  chatMessages: {
    name: 'futura.chat-messages',
    key: 'room id',
    retentionDays: 30,
    summary: 'Every talk and shout line. Whispers are not written here.',
  },
  friendRequests: {
    name: 'futura.friend-requests',
    key: 'recipient user id',
    retentionDays: 30,
    summary: 'Friend requests sent, accepted and declined, and friendships ended.',
  },
  privateMessages: {
    name: 'futura.private-messages',
    key: 'conversation id',
    retentionDays: 30,
    summary: 'Private messages between friends.',
  },
  presence: {
    name: 'futura.presence',
    key: 'user id',
    retentionDays: 1,
    summary: 'Users coming online, going offline, changing their look and moving between rooms.',
  },
  roomInvites: {
    name: 'futura.room-invites',
    key: 'recipient user id',
    retentionDays: 1,
    summary: 'Invites to a room, one record per invited friend. Not kept as state: an invite to an offline friend is dropped.',
  },
} as const satisfies Record<string, TopicSpecEntry>;

export type TopicName = (typeof topics)[keyof typeof topics]['name'];

interface EventTypeSpec {
  readonly topic: TopicName;
  /** The data field whose value is the record key. */
  readonly keyField: string;
  readonly summary: string;
  readonly data: { readonly [field: string]: DataFieldType };
}

export const eventTypes = {
  'futura.room.created': {
    topic: 'futura.room-events',
    keyField: 'roomId',
    summary: 'A user created a room.',
    data: { roomId: 'number', ownerId: 'number', name: 'string', model: 'string', maxUsers: 'number', access: 'number' },
  },
  'futura.room.user_entered': {
    topic: 'futura.room-events',
    keyField: 'roomId',
    summary: 'A user entered a room.',
    data: { roomId: 'number', userId: 'number', name: 'string' },
  },
  'futura.room.user_left': {
    topic: 'futura.room-events',
    keyField: 'roomId',
    summary: 'A user left a room; reason is LEFT, DOOR, ENTERED_OTHER or DISCONNECTED.',
    data: { roomId: 'number', userId: 'number', name: 'string', reason: 'string' },
  },
  'futura.chat.message': {
    topic: 'futura.chat-messages',
    keyField: 'roomId',
    summary: 'A talk or shout line said in a room.',
    data: { roomId: 'number', userId: 'number', name: 'string', kind: 'string', text: 'string' },
  },
  'futura.friend_request.sent': {
    topic: 'futura.friend-requests',
    keyField: 'toUserId',
    summary: 'A user asked another to be friends.',
    data: { requestId: 'number', fromUserId: 'number', fromName: 'string', fromFigure: 'string', toUserId: 'number', sentAt: 'number' },
  },
  'futura.friend_request.accepted': {
    topic: 'futura.friend-requests',
    keyField: 'toUserId',
    summary: 'The recipient accepted a request: the two users are friends.',
    data: { fromUserId: 'number', toUserId: 'number' },
  },
  'futura.friend_request.declined': {
    topic: 'futura.friend-requests',
    keyField: 'toUserId',
    summary: 'The recipient declined a request.',
    data: { fromUserId: 'number', toUserId: 'number' },
  },
  'futura.friendship.removed': {
    topic: 'futura.friend-requests',
    keyField: 'toUserId',
    summary: 'A user ended a friendship; toUserId is the friend who was removed.',
    data: { fromUserId: 'number', toUserId: 'number' },
  },
  'futura.private_message.sent': {
    topic: 'futura.private-messages',
    keyField: 'conversationId',
    summary: 'A private message; conversationId is the two user ids, lower first, joined by a dash.',
    data: { messageId: 'number', conversationId: 'string', fromUserId: 'number', toUserId: 'number', text: 'string', sentAt: 'number' },
  },
  'futura.presence.online': {
    topic: 'futura.presence',
    keyField: 'userId',
    summary: 'A user logged in.',
    data: { userId: 'number' },
  },
  'futura.presence.offline': {
    topic: 'futura.presence',
    keyField: 'userId',
    summary: 'A user logged out or lost the connection.',
    data: { userId: 'number' },
  },
  'futura.presence.updated': {
    topic: 'futura.presence',
    keyField: 'userId',
    summary: 'A user changed their look, motto or whether friends see their room.',
    data: { userId: 'number' },
  },
  'futura.presence.moved': {
    topic: 'futura.presence',
    keyField: 'userId',
    summary: 'A user entered a room (roomId) or left rooms (roomId 0).',
    data: { userId: 'number', roomId: 'number' },
  },
  'futura.room_invite.sent': {
    topic: 'futura.room-invites',
    keyField: 'toUserId',
    summary: 'A user invited a friend (toUserId) to the room the user is in; only a friend online at delivery gets it.',
    data: { fromUserId: 'number', fromName: 'string', toUserId: 'number', roomId: 'number', roomName: 'string', text: 'string' },
  },
} as const satisfies Record<string, EventTypeSpec>;

export type EventType = keyof typeof eventTypes;

type FieldValue<T> = T extends 'number' ? number : T extends 'string' ? string : T extends 'boolean' ? boolean : never;

/** The data of an event type, derived from its catalogue entry. */
export type EventData<Type extends EventType> = {
  -readonly [Field in keyof (typeof eventTypes)[Type]['data']]: FieldValue<(typeof eventTypes)[Type]['data'][Field]>;
};

/** Returns the key of a private conversation: both user ids, lower first, so both directions share it. */
export function conversationId(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}
