// Room messages: create, enter (with the doorbell), leave, and who is inside.
//
// create_room      (client) u32 requestId | string name | string description | string model | string heightmap
//                           | u8 doorX | u8 doorY | u8 doorDir | u16 maxUsers | u8 access | string password
// room_created     (server) u32 requestId | u32 roomId
// enter_room       (client) u32 requestId | u32 roomId | string password
// room_snapshot    (server) u32 requestId | u32 roomId | string name | string ownerName | string heightmap
//                           | u8 doorX | u8 doorY | u8 doorDir | u32 yourUnitId | list<unit> units
// doorbell_waiting (server) u32 requestId | u32 roomId
// doorbell_ringing (server) u32 roomId | string name
// answer_doorbell  (client) u32 requestId | string name | bool allow
// leave_room       (client) u32 requestId
// room_left        (server) u32 roomId | string reason
// unit_entered     (server) unit unit
// unit_removed     (server) u32 unitId
// unit_profile     (server) u32 unitId | string figure | string motto

import { t } from '../codec/field-types.ts';
import { defineMessage } from '../codec/message-definition.ts';
import { heightmapField } from './navigator.ts';
import { unitStatus } from './units.ts';

export const unit = t.struct('unit', {
  userId: t.u32(),
  name: t.string(60),
  figure: t.string(200),
  motto: t.string(200),
  status: unitStatus,
});

export const createRoom = defineMessage({
  name: 'create_room',
  opcode: 0x0301,
  direction: 'client',
  summary:
    'Create a room. A non-empty model picks a floor plan model and its door; an empty model uses heightmap and the door fields. access: 0 open, 1 doorbell, 2 password.',
  fields: {
    requestId: t.u32(),
    name: t.string(240),
    description: t.string(1020),
    model: t.string(40),
    heightmap: heightmapField,
    doorX: t.u8(),
    doorY: t.u8(),
    doorDir: t.u8(0, 7),
    maxUsers: t.u16(),
    access: t.u8(0, 2),
    password: t.string(128),
  },
});

export const roomCreated = defineMessage({
  name: 'room_created',
  opcode: 0x8301,
  direction: 'server',
  summary: 'Answer to create_room, sent after the room is committed to the database.',
  fields: { requestId: t.u32(), roomId: t.u32() },
});

export const enterRoom = defineMessage({
  name: 'enter_room',
  opcode: 0x0302,
  direction: 'client',
  summary: 'Enter a room, leaving the current one. The password is only read for password rooms.',
  fields: { requestId: t.u32(), roomId: t.u32(), password: t.string(128) },
});

export const roomSnapshot = defineMessage({
  name: 'room_snapshot',
  opcode: 0x8302,
  direction: 'server',
  summary: 'Answer to enter_room once inside: the floor plan and every unit with its status.',
  fields: {
    requestId: t.u32(),
    roomId: t.u32(),
    name: t.string(240),
    ownerName: t.string(60),
    heightmap: heightmapField,
    doorX: t.u8(),
    doorY: t.u8(),
    doorDir: t.u8(0, 7),
    yourUnitId: t.u32(),
    units: t.list(unit, 100),
  },
});

export const doorbellWaiting = defineMessage({
  name: 'doorbell_waiting',
  opcode: 0x8303,
  direction: 'server',
  summary: 'The doorbell rang; wait for room_snapshot (let in) or error ROOM_DOORBELL_DENIED, both with the same requestId.',
  fields: { requestId: t.u32(), roomId: t.u32() },
});

export const doorbellRinging = defineMessage({
  name: 'doorbell_ringing',
  opcode: 0x8304,
  direction: 'server',
  summary: 'Sent to everyone with rights in the room: someone is at the door.',
  fields: { roomId: t.u32(), name: t.string(60) },
});

export const answerDoorbell = defineMessage({
  name: 'answer_doorbell',
  opcode: 0x0303,
  direction: 'client',
  summary: 'Let a waiting user in or turn them away; needs rights in the room you are in.',
  fields: { requestId: t.u32(), name: t.string(64), allow: t.bool() },
});

export const leaveRoom = defineMessage({
  name: 'leave_room',
  opcode: 0x0304,
  direction: 'client',
  summary: 'Leave the current room; answered by ok and room_left.',
  fields: { requestId: t.u32() },
});

export const roomLeft = defineMessage({
  name: 'room_left',
  opcode: 0x8305,
  direction: 'server',
  summary: 'You are no longer in the room. reason: LEFT (asked), DOOR (walked out through the door), ENTERED_OTHER.',
  fields: { roomId: t.u32(), reason: t.string(40) },
});

export const unitEntered = defineMessage({
  name: 'unit_entered',
  opcode: 0x8306,
  direction: 'server',
  summary: 'A unit appeared in your room.',
  fields: { unit },
});

export const unitRemoved = defineMessage({
  name: 'unit_removed',
  opcode: 0x8307,
  direction: 'server',
  summary: 'A unit left your room; its tile is free.',
  fields: { unitId: t.u32() },
});

export const unitProfile = defineMessage({
  name: 'unit_profile',
  opcode: 0x8308,
  direction: 'server',
  summary: 'A unit in your room changed its figure or motto.',
  fields: { unitId: t.u32(), figure: t.string(200), motto: t.string(200) },
});
