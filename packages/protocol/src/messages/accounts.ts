// Account messages: register, log in, resume a session, log out, edit the avatar.
//
// register        (client) u32 requestId | string name | string password | string figure
// login           (client) u32 requestId | string name | string password
// resume          (client) u32 requestId | string token
// logout          (client) no fields
// update_profile  (client) u32 requestId | string figure | string motto
// authenticated   (server) u32 requestId | u32 userId | string name | string figure | string motto | string token
// profile_updated (server) u32 requestId | string figure | string motto

import { t } from '../codec/field-types.ts';
import { defineMessage } from '../codec/message-definition.ts';

// Hard limits are wider than the domain rules (names of 3-15 characters,
// passwords of 8-128) so that a too-long value gets a friendly error code
// instead of a closed connection.
const nameField = t.string(64);
const passwordField = t.string(512);
const figureField = t.string(200);
const mottoField = t.string(200);

export const register = defineMessage({
  name: 'register',
  opcode: 0x0101,
  direction: 'client',
  summary: 'Create an account and log in. An empty figure gets the default look.',
  fields: { requestId: t.u32(), name: nameField, password: passwordField, figure: figureField },
});

export const login = defineMessage({
  name: 'login',
  opcode: 0x0102,
  direction: 'client',
  summary: 'Log in with name and password.',
  fields: { requestId: t.u32(), name: nameField, password: passwordField },
});

export const resume = defineMessage({
  name: 'resume',
  opcode: 0x0103,
  direction: 'client',
  summary: 'Log in again with the session token from an earlier `authenticated`.',
  fields: { requestId: t.u32(), token: t.string(128) },
});

export const logout = defineMessage({
  name: 'logout',
  opcode: 0x0104,
  direction: 'client',
  summary: 'End the session: the token is revoked and the connection closes with code 1000.',
  fields: {},
});

export const updateProfile = defineMessage({
  name: 'update_profile',
  opcode: 0x0105,
  direction: 'client',
  summary: 'Change the avatar figure and motto.',
  fields: { requestId: t.u32(), figure: figureField, motto: mottoField },
});

export const authenticated = defineMessage({
  name: 'authenticated',
  opcode: 0x8101,
  direction: 'server',
  summary: 'Answer to register, login and resume: who you are and the session token to resume with.',
  fields: {
    requestId: t.u32(),
    userId: t.u32(),
    name: t.string(60),
    figure: figureField,
    motto: mottoField,
    token: t.string(128),
  },
});

export const profileUpdated = defineMessage({
  name: 'profile_updated',
  opcode: 0x8102,
  direction: 'server',
  summary: 'Answer to update_profile with the stored figure and motto.',
  fields: { requestId: t.u32(), figure: figureField, motto: mottoField },
});
