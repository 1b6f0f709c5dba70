// Reads a range of a topic from the log and returns when it reaches the end
// offsets that were current when reading began.

import type { EventLog, LogRecord, StartPosition } from '@futura/eventlog';

/**
 * Reads the topics from `start` up to their current ends and returns the
 * records that `keep` accepts. It reads as a throwaway consumer group, so
 * no other group's offsets move.
 */
export async function readToEnd(
  log: EventLog,
  topics: string[],
  start: StartPosition,
  keep: (record: LogRecord) => boolean,
): Promise<LogRecord[]> {
  const ends = new Map<string, number>();
  for (const topic of topics) {
    for (const partition of await log.listOffsets(topic)) {
      ends.set(`${topic}/${partition.partition}`, partition.latest);
    }
  }

  const kept: LogRecord[] = [];
  const position = new Map<string, number>();
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const isDone = () => [...ends].every(([key, end]) => (position.get(key) ?? end) >= end);

  // TODO: read without a consumer group once the event log offers plain reads; each run leaves one small group behind.
  const groupId = `futura-tool-${process.pid}-${Date.now()}`;
  const consumer = await log.consume({
    groupId,
    topics,
    start,
    fallback: 'latest',
    handler: (records) => {
      for (const record of records) {
        position.set(`${record.topic}/${record.partition}`, record.offset + 1);
        if (keep(record)) {
          kept.push(record);
        }
      }
      if (isDone()) {
        finish();
      }
    },
  });

  for (const topic of topics) {
    for (const [partition, offset] of await log.committedOffsets(groupId, topic)) {
      const key = `${topic}/${partition}`;
      position.set(key, Math.max(position.get(key) ?? 0, offset));
    }
  }
  if (isDone()) {
    finish();
  }

  await finished;
  await consumer.close();
  return kept;
}
