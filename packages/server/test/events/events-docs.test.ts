import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { eventTypes, topics } from '../../src/events/event-catalogue.ts';

const docsPath = path.join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'events.md');
const docs = readFileSync(docsPath, 'utf8');

/** Rows of the table whose header row is exactly `header`, as arrays of trimmed cells. */
function tableRows(header: string): string[][] {
  const lines = docs.split('\n');
  const start = lines.indexOf(header);
  assert.notEqual(start, -1, `docs/events.md has no table with header: ${header}`);

  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) {
      break;
    }
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

const unquote = (cell: string) => cell.replace(/^`|`$/g, '');

test('docs list every topic as in the catalogue', () => {
  const documented = tableRows('| Topic | Key | Retention days | Summary |').map(([name, key, days, summary]) => ({
    name: unquote(name),
    key,
    retentionDays: Number(days),
    summary,
  }));
  const catalogued = Object.values(topics).map(({ name, key, retentionDays, summary }) => ({ name, key, retentionDays, summary }));
  assert.deepEqual(documented, catalogued);
});

test('docs list every event type with its topic, key and data', () => {
  const documented = tableRows('| Type | Topic | Key field | Data | Summary |').map(([type, topic, keyField, data, summary]) => ({
    type: unquote(type),
    topic: unquote(topic),
    keyField: unquote(keyField),
    data: data.split(', ').map(unquote),
    summary,
  }));
  const catalogued = Object.entries(eventTypes).map(([type, spec]) => ({
    type,
    topic: spec.topic,
    keyField: spec.keyField,
    data: Object.entries(spec.data).map(([field, fieldType]) => `${field}: ${fieldType}`),
    summary: spec.summary,
  }));
  assert.deepEqual(documented, catalogued);
});

test('every key field is a data field of its event', () => {
  for (const [type, spec] of Object.entries(eventTypes)) {
    assert.ok(Object.hasOwn(spec.data, spec.keyField), `${type} is keyed by ${spec.keyField}, which is not in its data`);
  }
});
