// Checks a create_room request and turns it into a room to insert.

import {
  ProtocolError,
  characterCount,
  hasControlCharacters,
  roomAccess,
  rules,
  type Fields,
} from '@futura/protocol';

import { hashPassword } from '../accounts/passwords.ts';
import { parseHeightmap, validateDoor } from './heightmap.ts';
import { findRoomModel } from './room-models.ts';
import type { NewRoom, RoomAccessMode } from './room-store.ts';

/** The model name stored for rooms drawn from a custom heightmap. */
export const CUSTOM_MODEL = 'custom';

export async function prepareNewRoom(ownerId: number, request: Fields<'create_room'>, scryptCost: number): Promise<NewRoom> {
  const name = request.name.trim();
  if (characterCount(name) < rules.roomNameMinChars || characterCount(name) > rules.roomNameMaxChars || hasControlCharacters(name)) {
    throw new ProtocolError('ROOM_NAME_INVALID');
  }

  const description = request.description.trim();
  if (characterCount(description) > rules.roomDescriptionMaxChars || hasControlCharacters(description)) {
    throw new ProtocolError('ROOM_DESCRIPTION_INVALID');
  }

  if (request.maxUsers < 1 || request.maxUsers > rules.roomMaxUsersLimit) {
    throw new ProtocolError('ROOM_MAX_USERS_INVALID', `Max users must be between 1 and ${rules.roomMaxUsersLimit}, got ${request.maxUsers}.`);
  }

  const floor = chooseFloor(request);

  let password = null;
  if (request.access === roomAccess.password) {
    const length = characterCount(request.password);
    if (length < 1 || length > rules.roomPasswordMaxChars || hasControlCharacters(request.password)) {
      throw new ProtocolError('ROOM_PASSWORD_INVALID');
    }
    password = await hashPassword(request.password, scryptCost);
  }

  return {
    ownerId,
    name,
    description,
    ...floor,
    maxUsers: request.maxUsers,
    access: request.access as RoomAccessMode,
    password,
    isPublic: false,
  };
}

function chooseFloor(request: Fields<'create_room'>) {
  if (request.model !== '') {
    const model = findRoomModel(request.model);
    if (model === undefined) {
      throw new ProtocolError('ROOM_MODEL_UNKNOWN', `No floor plan model is named "${request.model}".`);
    }
    return { model: model.name, heightmap: parseHeightmap(model.heightmap).text, doorX: model.doorX, doorY: model.doorY, doorDir: model.doorDir };
  }

  const map = parseHeightmap(request.heightmap);
  validateDoor(map, request.doorX, request.doorY);
  return { model: CUSTOM_MODEL, heightmap: map.text, doorX: request.doorX, doorY: request.doorY, doorDir: request.doorDir };
}
