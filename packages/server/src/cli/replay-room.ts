// `futura replay room <id> [--from TIME] [--to TIME]`: prints a room's
// history (created, entered, left, chat lines) as the event log stores it.

import { parseCloudEvent, type LogRecord } from '@futura/eventlog';

import { topics, type EventData } from '../events/event-catalogue.ts';
import { openEventLogForTool, parseTimeOption, UsageError } from './open-event-log.ts';
import { readToEnd } from './read-history.ts';

export const replayUsage = 'futura replay room <room id> [--from TIME] [--to TIME]';

export async function replayRoom(args: string[], write: (line: string) => void): Promise<void> {
  const { roomId, fromMs, toMs } = parseReplayArgs(args);
  const opened = await openEventLogForTool();

  try {
    const key = String(roomId);
    const records = await readToEnd(
      opened.log,
      [topics.roomEvents.name, topics.chatMessages.name],
      fromMs === undefined ? 'earliest' : { timestamp: fromMs },
      (record) => record.key === key,
    );

    const lines = records
      .map(describe)
      .filter((line) => line.time >= (fromMs ?? 0) && line.time <= (toMs ?? Number.MAX_SAFE_INTEGER))
      .sort(compareLines);

    if (lines.length === 0) {
      write(`No history for room ${roomId} in the event log${fromMs === undefined && toMs === undefined ? '' : ' in that time range'}.`);
    }
    for (const line of lines) {
      write(`${new Date(line.time).toISOString()}  ${line.text}`);
    }
  } finally {
    await opened.close();
  }
}

function parseReplayArgs(args: string[]): { roomId: number; fromMs?: number; toMs?: number } {
  const [subject, id, ...options] = args;
  if (subject !== 'room' || id === undefined || !/^\d+$/.test(id)) {
    throw new UsageError(`usage: ${replayUsage}`);
  }

  let fromMs: number | undefined;
  let toMs: number | undefined;
  for (let index = 0; index < options.length; index += 2) {
    const value = options[index + 1];
    if (value === undefined) {
      throw new UsageError(`${options[index]} needs a value. usage: ${replayUsage}`);
    }
    if (options[index] === '--from') {
      fromMs = parseTimeOption('--from', value);
    } else if (options[index] === '--to') {
      toMs = parseTimeOption('--to', value);
    } else {
      throw new UsageError(`unknown option ${options[index]}. usage: ${replayUsage}`);
    }
  }
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    throw new UsageError('--from is after --to.');
  }
  return { roomId: Number(id), fromMs, toMs };
}

interface HistoryLine {
  readonly time: number;
  /** Orders events with the same time: their `sequence` attribute, written by the one hotel process that wrote both. */
  readonly order: string;
  readonly text: string;
}

function compareLines(a: HistoryLine, b: HistoryLine): number {
  if (a.time !== b.time) {
    return a.time - b.time;
  }
  return a.order.localeCompare(b.order);
}

function describe(record: LogRecord): HistoryLine {
  const event = parseCloudEvent(record.value);
  const time = Date.parse(event.time);
  const order = String((event as { sequence?: unknown }).sequence ?? '');

  switch (event.type) {
    case 'futura.room.created': {
      const data = event.data as EventData<'futura.room.created'>;
      return { time, order, text: `room created: "${data.name}" (model ${data.model}, up to ${data.maxUsers} users) by user ${data.ownerId}` };
    }
    case 'futura.room.user_entered': {
      const data = event.data as EventData<'futura.room.user_entered'>;
      return { time, order, text: `${data.name} entered` };
    }
    case 'futura.room.user_left': {
      const data = event.data as EventData<'futura.room.user_left'>;
      return { time, order, text: `${data.name} left (${data.reason})` };
    }
    case 'futura.chat.message': {
      const data = event.data as EventData<'futura.chat.message'>;
      return { time, order, text: data.kind === 'shout' ? `${data.name} shouts: ${data.text}` : `${data.name}: ${data.text}` };
    }
    default:
      return { time, order, text: `${event.type} ${JSON.stringify(event.data)}` };
  }
}
