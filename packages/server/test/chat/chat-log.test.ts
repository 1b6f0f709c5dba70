// The chat history consumer's store: every line once, whatever the log
// redelivers, and unreadable events skipped without losing the others.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import { cloudEventRecord, createCloudEvent, type LogRecord } from '@futura/eventlog';
import { pino } from 'pino';

import { ChatLog } from '../../src/chat/chat-log.ts';
import { openDatabase } from '../../src/store/database.ts';

const folders: string[] = [];
after(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function openChatLog(): ChatLog {
  const folder = mkdtempSync(path.join(tmpdir(), 'futura-chat-log-'));
  folders.push(folder);
  return new ChatLog(openDatabase(folder), 'futura-chat-log-test', pino({ level: 'silent' }));
}

let nextOffset = 0;

function chatRecord(roomId: number, text: string, time: Date): LogRecord {
  const event = createCloudEvent({
    source: 'futura/test',
    type: 'futura.chat.message',
    subject: `room/${roomId}`,
    time,
    data: { roomId, userId: 7, name: 'alice', kind: 'talk', text },
  });
  return { ...cloudEventRecord('futura.chat-messages', String(roomId), event), partition: 0, offset: nextOffset++, timestamp: time.getTime(), headers: {} };
}

describe('ChatLog', () => {
  test('redelivered batch is stored once', () => {
    const chatLog = openChatLog();
    const batch = [chatRecord(1, 'hello', new Date(1_000)), chatRecord(1, 'again', new Date(2_000))];

    chatLog.store(batch);
    chatLog.store(batch);

    const lines = chatLog.lines(1);
    assert.deepEqual(
      lines.map((line) => line.text),
      ['hello', 'again'],
    );
    assert.equal(lines[0].saidAt, 1_000);
    assert.equal(lines[0].name, 'alice');
  });

  test('unreadable event is skipped', () => {
    const chatLog = openChatLog();
    const broken: LogRecord = { ...chatRecord(2, 'lost', new Date(1_000)), value: '{"not": "a cloud event"' };

    chatLog.store([broken, chatRecord(2, 'kept', new Date(2_000))]);

    assert.deepEqual(
      chatLog.lines(2).map((line) => line.text),
      ['kept'],
    );
  });

  test('lines filter by room and time', () => {
    const chatLog = openChatLog();
    chatLog.store([chatRecord(3, 'early', new Date(1_000)), chatRecord(3, 'late', new Date(5_000)), chatRecord(4, 'other room', new Date(2_000))]);

    assert.deepEqual(
      chatLog.lines(3, 2_000).map((line) => line.text),
      ['late'],
    );
    assert.deepEqual(
      chatLog.lines(4).map((line) => line.text),
      ['other room'],
    );
  });
});
