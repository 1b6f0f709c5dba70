#!/usr/bin/env node
// `npm run bots -w @futura/bots -- --url ...`: runs the load generator.

import { runBots } from './cli.ts';

process.exitCode = await runBots(process.argv.slice(2));
