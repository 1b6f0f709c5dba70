// Runs the event-log contract against the embedded SQLite log, on a file in a
// temporary folder so that reopening the log exercises durable state.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';

import { SqliteEventLog } from '../src/index.ts';
import { defineContractTests, type ContractTarget } from './contract.ts';

describe('embedded event log contract', () => {
  let directory: string;
  let target: ContractTarget;

  before(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'futura-eventlog-'));
    const file = path.join(directory, 'events.db');
    target = {
      openLog: async () => SqliteEventLog.open(file),
      deliveryTimeoutMs: 5_000,
      retentionTimeoutMs: 1_000,
    };
  });

  after(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  defineContractTests(() => target);
});
