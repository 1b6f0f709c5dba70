-- Friendships are stored once per pair with user_low < user_high, so a pair
-- can never be friends twice.
CREATE TABLE friendships (
  user_low INTEGER NOT NULL REFERENCES users (id),
  user_high INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_low, user_high),
  CHECK (user_low < user_high)
) STRICT;

CREATE INDEX friendships_by_high ON friendships (user_high);

-- Pending requests only: accepting or declining deletes the row.
CREATE TABLE friend_requests (
  id INTEGER PRIMARY KEY,
  from_user INTEGER NOT NULL REFERENCES users (id),
  to_user INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  UNIQUE (from_user, to_user)
) STRICT;

CREATE INDEX friend_requests_by_recipient ON friend_requests (to_user, id);

CREATE TABLE private_messages (
  id INTEGER PRIMARY KEY,
  from_user INTEGER NOT NULL REFERENCES users (id),
  to_user INTEGER NOT NULL REFERENCES users (id),
  text TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  -- Set when the recipient acknowledges it; until then every login resends it.
  acknowledged_at INTEGER
) STRICT;

CREATE INDEX private_messages_unacknowledged ON private_messages (to_user, id) WHERE acknowledged_at IS NULL;
CREATE INDEX private_messages_by_pair ON private_messages (from_user, to_user, id);

CREATE TABLE messenger_settings (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  block_friend_requests INTEGER NOT NULL DEFAULT 0,
  hide_room INTEGER NOT NULL DEFAULT 0
) STRICT;
