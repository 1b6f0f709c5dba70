// The durable path end to end: friend requests per second and the delay
// from sending a request to the recipient's client receiving it, through the
// SQL transaction, the event log and the delivery consumer. Runs against the
// embedded log and against a real Kafka broker, the hotel on core 0 and the
// clients on core 1.
//
//   node bench/friend-requests.ts [--senders 50] [--recipients 50] [--brokers host:port] [--modes embedded,kafka]

import { connect, type FuturaClient } from '@futura/sdk';

import { startHotelProcess, type HotelProcess } from './lib/hotel-process.ts';
import { machineInfo } from './lib/machine.ts';
import { markdownTable, parseFlags, resultsFolder, writeJson } from './lib/results.ts';

const usage = `Usage: node bench/friend-requests.ts [options]

Every sender asks every recipient to be friends, each sender one request at
a time; all recipients are online. Reports requests per second (acknowledged,
that is committed) and the send-to-delivery latency at the recipient.

Options:
  --senders N       users sending requests (default 50, 1-500)
  --recipients N    online users receiving them (default 50, 1-500)
  --modes LIST      embedded, kafka or both (default embedded,kafka)
  --brokers LIST    Kafka bootstrap brokers for the kafka mode (default 127.0.0.1:9092)`;

const flags = parseFlags(
  process.argv.slice(2),
  { '--senders': 'value', '--recipients': 'value', '--modes': 'value', '--brokers': 'value' },
  usage,
);

function count(name: string, fallback: number): number {
  const value = Number(flags.get(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 500) {
    console.error(`${name} must be a whole number from 1 to 500.\n\n${usage}`);
    process.exit(64);
  }
  return value;
}

const senders = count('--senders', 50);
const recipients = count('--recipients', 50);
const modes = (flags.get('--modes') ?? 'embedded,kafka').split(',');
const brokers = flags.get('--brokers') ?? '127.0.0.1:9092';

interface ModeResult {
  mode: string;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  ackP50Ms: number;
  ackP99Ms: number;
  deliveryP50Ms: number;
  deliveryP99Ms: number;
  deliveryMaxMs: number;
  delivered: number;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

async function users(hotel: HotelProcess, prefix: string, total: number): Promise<FuturaClient[]> {
  const clients: FuturaClient[] = [];
  for (let index = 0; index < total; index++) {
    const client = await connect(hotel.tcpUrl, { requestTimeoutMs: 60_000 });
    await client.register(`${prefix}${index}`, 'password123');
    clients.push(client);
  }
  return clients;
}

async function runMode(mode: string): Promise<ModeResult> {
  const env: Record<string, string> = { FUTURA_MAX_FRAMES_PER_SECOND: '100000', FUTURA_INSTANCE_ID: `bench-${Date.now()}` };
  if (mode === 'kafka') {
    env.FUTURA_KAFKA_BROKERS = brokers;
  }
  const hotel = await startHotelProcess({ core: 0, env });

  try {
    const run = Date.now().toString(36).slice(-4);
    const sending = await users(hotel, `s${run}x`, senders);
    const receiving = await users(hotel, `r${run}x`, recipients);

    // Send time by "sender name>recipient id", read when the request arrives.
    const sentAt = new Map<string, number>();
    const delivery: number[] = [];
    let finish: () => void = () => {};
    const allDelivered = new Promise<void>((resolve) => (finish = resolve));
    const total = senders * recipients;

    for (const recipient of receiving) {
      recipient.on('friend_request', (message) => {
        const started = sentAt.get(`${message.request.name}>${recipient.user!.userId}`);
        if (started !== undefined) {
          delivery.push(performance.now() - started);
          if (delivery.length === total) {
            finish();
          }
        }
      });
    }

    const acknowledged: number[] = [];
    const began = performance.now();
    await Promise.all(
      sending.map(async (sender) => {
        for (const recipient of receiving) {
          const started = performance.now();
          sentAt.set(`${sender.user!.name}>${recipient.user!.userId}`, started);
          await sender.messenger.sendFriendRequest(recipient.user!.name);
          acknowledged.push(performance.now() - started);
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    await Promise.race([allDelivered, new Promise((resolve) => setTimeout(resolve, 30_000))]);

    for (const client of [...sending, ...receiving]) {
      client.close();
    }

    acknowledged.sort((a, b) => a - b);
    delivery.sort((a, b) => a - b);
    return {
      mode,
      requests: total,
      seconds: Number(seconds.toFixed(2)),
      requestsPerSecond: Math.round(total / seconds),
      ackP50Ms: Number(percentile(acknowledged, 0.5).toFixed(1)),
      ackP99Ms: Number(percentile(acknowledged, 0.99).toFixed(1)),
      deliveryP50Ms: Number(percentile(delivery, 0.5).toFixed(1)),
      deliveryP99Ms: Number(percentile(delivery, 0.99).toFixed(1)),
      deliveryMaxMs: Number((delivery.at(-1) ?? 0).toFixed(1)),
      delivered: delivery.length,
    };
  } finally {
    await hotel.stop();
  }
}

const results: ModeResult[] = [];
for (const mode of modes) {
  console.error(`friend requests, ${mode} log: ${senders} senders x ${recipients} recipients`);
  results.push(await runMode(mode));
}

const folder = resultsFolder('friend-requests');
writeJson(`${folder}/results.json`, { machine: machineInfo(), senders, recipients, results });
console.log(
  markdownTable(
    ['mode', 'requests', 'requests/s', 'ack p50 ms', 'ack p99 ms', 'delivery p50 ms', 'delivery p99 ms', 'delivery max ms', 'delivered'],
    results.map((result) => [
      result.mode,
      result.requests,
      result.requestsPerSecond,
      result.ackP50Ms,
      result.ackP99Ms,
      result.deliveryP50Ms,
      result.deliveryP99Ms,
      result.deliveryMaxMs,
      result.delivered,
    ]),
  ),
);
