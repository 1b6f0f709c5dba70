-- The per-room chat history, kept by the chat log consumer from the
-- futura.chat-messages topic. event_id makes a redelivered event harmless.
CREATE TABLE room_chat_log (
  event_id TEXT PRIMARY KEY,
  room_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  said_at INTEGER NOT NULL
) STRICT;

CREATE INDEX room_chat_log_by_room ON room_chat_log (room_id, said_at);
