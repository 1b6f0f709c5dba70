// Navigator messages: lists of rooms and the floor plan models.
//
// navigator_search  (client) u32 requestId | u8 view | string query
// navigator_results (server) u32 requestId | u8 view | list<room_summary> rooms
// list_models       (client) u32 requestId
// models            (server) u32 requestId | list<room_model> models
// room_summary      u32 roomId | string name | string description | string ownerName | u16 userCount | u16 maxUsers | u8 access | string model
// room_model        string name | string heightmap | u8 doorX | u8 doorY | u8 doorDir

import { t } from '../codec/field-types.ts';
import { defineMessage } from '../codec/message-definition.ts';

/** Navigator views, the values of `view`. */
export const navigatorViews = { public: 0, popular: 1, mine: 2, search: 3 } as const;

/** Room access modes, the values of `access`. */
export const roomAccess = { open: 0, doorbell: 1, password: 2 } as const;

export const heightmapField = t.string(4500);

export const roomSummary = t.struct('room_summary', {
  roomId: t.u32(),
  name: t.string(240),
  description: t.string(1020),
  ownerName: t.string(60),
  userCount: t.u16(),
  maxUsers: t.u16(),
  access: t.u8(0, 2),
  model: t.string(40),
});

export const roomModel = t.struct('room_model', {
  name: t.string(40),
  heightmap: heightmapField,
  doorX: t.u8(),
  doorY: t.u8(),
  doorDir: t.u8(0, 7),
});

export const navigatorSearch = defineMessage({
  name: 'navigator_search',
  opcode: 0x0201,
  direction: 'client',
  summary: 'List rooms: view 0 public, 1 popular (by current users), 2 mine, 3 search by room name or owner name.',
  fields: { requestId: t.u32(), view: t.u8(0, 3), query: t.string(200) },
});

export const navigatorResults = defineMessage({
  name: 'navigator_results',
  opcode: 0x8201,
  direction: 'server',
  summary: 'Answer to navigator_search, at most 50 rooms.',
  fields: { requestId: t.u32(), view: t.u8(0, 3), rooms: t.list(roomSummary, 50) },
});

export const listModels = defineMessage({
  name: 'list_models',
  opcode: 0x0202,
  direction: 'client',
  summary: 'List the floor plan models a new room can use.',
  fields: { requestId: t.u32() },
});

export const models = defineMessage({
  name: 'models',
  opcode: 0x8202,
  direction: 'server',
  summary: 'Answer to list_models.',
  fields: { requestId: t.u32(), models: t.list(roomModel, 32) },
});
