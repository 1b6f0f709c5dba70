-- Rooms. owner_id is NULL for the hotel's public rooms.
CREATE TABLE rooms (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER REFERENCES users (id),
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL,
  heightmap TEXT NOT NULL,
  door_x INTEGER NOT NULL,
  door_y INTEGER NOT NULL,
  door_dir INTEGER NOT NULL,
  max_users INTEGER NOT NULL,
  access INTEGER NOT NULL,
  password_hash BLOB,
  password_salt BLOB,
  password_cost INTEGER,
  is_public INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX rooms_by_owner ON rooms (owner_id);

-- Users other than the owner who may answer the doorbell (and, later, place furniture).
CREATE TABLE room_rights (
  room_id INTEGER NOT NULL REFERENCES rooms (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  PRIMARY KEY (room_id, user_id)
) STRICT;

CREATE TABLE room_bans (
  room_id INTEGER NOT NULL REFERENCES rooms (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  expires_at INTEGER,
  PRIMARY KEY (room_id, user_id)
) STRICT;
