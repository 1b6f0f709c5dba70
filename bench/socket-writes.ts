// Measures what one socket write costs the process that makes it, with
// nothing of the hotel around it. A writer on core 0 sends small frames over
// loopback TCP to a reader on core 1, at a fixed rate spread over many
// connections, and measures its own CPU time. The result is a floor under
// the hotel's cost per user, because the hotel makes one write for each
// client that receives something in a turn.
//
//   node bench/socket-writes.ts [--connections 5000] [--rates 10000,20000,40000]
//                               [--frame-bytes 80] [--frames-per-user 4.63] [--seconds 10]

import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { machineInfo, waitForQuiet } from './lib/machine.ts';
import { markdownTable, median, parseFlags, resultsFolder, writeJson } from './lib/results.ts';

const usage = `Usage: node bench/socket-writes.ts [--connections N] [--rates R1,R2,...]
       [--frame-bytes B] [--frames-per-user F] [--seconds S] [--repeats K]

Measures the CPU time a Node process spends per socket write of a small frame
over loopback TCP, writer pinned to core 0 and reader to core 1, in three
ways: one write per frame (write), a corked header and body per frame as the
hotel writes WebSocket frames (cork-pair), and four frames joined into one
write (joined-4). --frames-per-user turns the cost per write into a floor in
% of a core per 1,000 users. Results go to bench/results/socket-writes-*/.`;

type WriteMode = 'write' | 'cork-pair' | 'joined-4';
const modes: readonly WriteMode[] = ['write', 'cork-pair', 'joined-4'];

interface WriterResult {
  mode: WriteMode;
  connections: number;
  ratePerSecond: number;
  frames: number;
  writes: number;
  seconds: number;
  userMicroseconds: number;
  systemMicroseconds: number;
}

const role = process.argv[2];
if (role === '--role-writer') {
  runWriter(JSON.parse(process.argv[3]) as { mode: WriteMode; connections: number; rate: number; frameBytes: number; seconds: number });
} else if (role === '--role-reader') {
  await runReader(Number(process.argv[3]), Number(process.argv[4]));
} else {
  await runCoordinator();
}

/** Accepts the reader's connections, then writes `rate` frames a second round-robin over them for `seconds`. */
function runWriter(options: { mode: WriteMode; connections: number; rate: number; frameBytes: number; seconds: number }): void {
  const sockets: net.Socket[] = [];
  const body = Buffer.alloc(options.frameBytes - 2, 7);
  const header = Buffer.from([0x82, body.length]);
  const frame = Buffer.concat([header, body]);
  const joined = Buffer.concat([frame, frame, frame, frame]);

  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    sockets.push(socket);
    if (sockets.length === options.connections) {
      server.close();
      setTimeout(start, 500);
    }
  });
  server.listen(0, '127.0.0.1', () => {
    console.log(`port ${(server.address() as net.AddressInfo).port}`);
  });

  function start(): void {
    const tickMs = 10;
    const framesPerTick = Math.max(1, Math.round((options.rate * tickMs) / 1000));
    const framesPerWrite = options.mode === 'joined-4' ? 4 : 1;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    let frames = 0;
    let writes = 0;
    let next = 0;

    const timer = setInterval(() => {
      for (let sent = 0; sent < framesPerTick; sent += framesPerWrite) {
        const socket = sockets[next];
        next = (next + 1) % sockets.length;
        if (options.mode === 'write') {
          socket.write(frame);
        } else if (options.mode === 'joined-4') {
          socket.write(joined);
        } else {
          socket.cork();
          socket.write(header);
          socket.write(body);
          process.nextTick(() => socket.uncork());
        }
        frames += framesPerWrite;
        writes += 1;
      }

      const elapsed = (performance.now() - started) / 1000;
      if (elapsed < options.seconds) {
        return;
      }
      clearInterval(timer);
      const cpu = process.cpuUsage(cpuBefore);
      const result: WriterResult = {
        mode: options.mode,
        connections: options.connections,
        ratePerSecond: options.rate,
        frames,
        writes,
        seconds: elapsed,
        userMicroseconds: cpu.user,
        systemMicroseconds: cpu.system,
      };
      console.log(`result ${JSON.stringify(result)}`);
      for (const socket of sockets) {
        socket.destroy();
      }
    }, tickMs);
  }
}

/**
 * Opens the connections and reads everything, until the writer closes them or
 * a deadline passes. It connects in batches, because thousands of connects at
 * once overflow the listen backlog and the writer would wait for ever.
 */
async function runReader(port: number, connections: number): Promise<void> {
  const batchSize = 250;
  let open = 0;
  setTimeout(() => process.exit(0), 120_000);

  const connectOne = (): Promise<void> =>
    new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve());
      open += 1;
      socket.on('data', () => {});
      socket.on('error', (error) => {
        console.error(`reader: connection failed: ${error.message}`);
        resolve();
      });
      socket.on('close', () => {
        open -= 1;
        if (open === 0) {
          process.exit(0);
        }
      });
    });

  for (let first = 0; first < connections; first += batchSize) {
    const batch = Math.min(batchSize, connections - first);
    await Promise.all(Array.from({ length: batch }, connectOne));
  }
}

async function runCoordinator(): Promise<void> {
  const flags = parseFlags(
    process.argv.slice(2),
    {
      '--connections': 'value',
      '--rates': 'value',
      '--frame-bytes': 'value',
      '--frames-per-user': 'value',
      '--seconds': 'value',
      '--repeats': 'value',
    },
    usage,
  );
  const connections = Number(flags.get('--connections') ?? 5000);
  const rates = (flags.get('--rates') ?? '10000,20000,40000').split(',').map(Number);
  const frameBytes = Number(flags.get('--frame-bytes') ?? 80);
  const framesPerUser = Number(flags.get('--frames-per-user') ?? 4.63);
  const seconds = Number(flags.get('--seconds') ?? 10);
  const repeats = Number(flags.get('--repeats') ?? 3);
  const valid =
    Number.isInteger(connections) &&
    connections >= 1 &&
    connections <= 20_000 &&
    rates.every((rate) => Number.isInteger(rate) && rate >= 100 && rate <= 200_000) &&
    Number.isInteger(frameBytes) &&
    frameBytes >= 3 &&
    frameBytes <= 127 &&
    framesPerUser > 0 &&
    seconds >= 1 &&
    seconds <= 60 &&
    Number.isInteger(repeats) &&
    repeats >= 1 &&
    repeats <= 10;
  if (!valid) {
    console.error(usage);
    process.exit(64);
  }

  const machine = machineInfo();
  const folder = resultsFolder('socket-writes');
  const results: WriterResult[] = [];

  for (let repeat = 1; repeat <= repeats; repeat++) {
    for (const rate of rates) {
      for (const mode of modes) {
        await waitForQuiet(60);
        let result: WriterResult;
        try {
          result = await measure({ mode, connections, rate, frameBytes, seconds });
        } catch (error) {
          console.error(`run ${repeat}: ${mode} at ${rate} frames/s failed, left out of the medians: ${(error as Error).message}`);
          continue;
        }
        results.push(result);
        const perWrite = (result.userMicroseconds + result.systemMicroseconds) / result.writes;
        console.error(`run ${repeat}: ${mode} at ${rate} frames/s: ${perWrite.toFixed(2)} us of CPU per write`);
      }
    }
  }

  const rows = rates.flatMap((rate) =>
    modes.map((mode) => {
      const runs = results.filter((result) => result.ratePerSecond === rate && result.mode === mode);
      if (runs.length === 0) {
        return [rate, mode, null, null, null, null, null];
      }
      const perFrame = median(runs.map((run) => (run.userMicroseconds + run.systemMicroseconds) / run.frames))!;
      const perWrite = median(runs.map((run) => (run.userMicroseconds + run.systemMicroseconds) / run.writes))!;
      const systemShare = median(runs.map((run) => run.systemMicroseconds / (run.userMicroseconds + run.systemMicroseconds)))!;
      const cpuPercent = median(runs.map((run) => ((run.userMicroseconds + run.systemMicroseconds) / 1e6 / run.seconds) * 100))!;
      // frames/user/s x 1,000 users x us per frame, as a share of one core's second.
      const floorPer1000 = (framesPerUser * 1000 * perFrame) / 1e4;
      return [rate, mode, cpuPercent.toFixed(1), perWrite.toFixed(2), perFrame.toFixed(2), `${Math.round(systemShare * 100)} %`, floorPer1000.toFixed(1)];
    }),
  );
  const table = markdownTable(
    ['frames/s', 'mode', 'writer CPU % of a core', 'us per write', 'us per frame', 'kernel share', `% of a core per 1,000 users at ${framesPerUser} frames/user/s`],
    rows,
  );

  writeJson(path.join(folder, 'summary.json'), { machine, connections, frameBytes, framesPerUser, seconds, results });
  console.log(`Machine: ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}; ${connections} connections, ${frameBytes}-byte frames, medians of ${repeats}.\n`);
  console.log(table);
}

/** Runs one writer and one reader process, pinned to separate cores, and returns the writer's figures. */
async function measure(options: { mode: WriteMode; connections: number; rate: number; frameBytes: number; seconds: number }): Promise<WriterResult> {
  const writer = spawn('taskset', ['-c', '0', process.execPath, import.meta.filename, '--role-writer', JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const deadline = setTimeout(() => writer.kill('SIGKILL'), (options.seconds + 60) * 1000);

  try {
    const lines = createInterface({ input: writer.stdout! });
    let reader: ReturnType<typeof spawn> | undefined;
    for await (const line of lines) {
      if (line.startsWith('port ')) {
        const port = line.slice(5);
        reader = spawn('taskset', ['-c', '1', process.execPath, import.meta.filename, '--role-reader', port, String(options.connections)], {
          stdio: 'inherit',
        });
      } else if (line.startsWith('result ')) {
        reader?.kill();
        return JSON.parse(line.slice(7)) as WriterResult;
      }
    }
    throw new Error(`the ${options.mode} writer ended without a result`);
  } finally {
    clearTimeout(deadline);
    writer.kill();
  }
}
