// Configuration from FUTURA_* environment variables. Every value is checked
// at start-up; an invalid one stops the server with a message naming it.

import path from 'node:path';

export interface HotelConfig {
  /** Address both listeners bind to. */
  readonly host: string;
  readonly httpPort: number;
  readonly tcpPort: number;
  readonly dataDir: string;
  readonly logLevel: string;
  readonly serverName: string;
  readonly roomStepMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly authTimeoutMs: number;
  readonly sendQueueLimitBytes: number;
  readonly maxFramesPerSecond: number;
  readonly maxConnections: number;
  /** scrypt's cost as log2 of N. Tests lower it to keep registration fast. */
  readonly scryptCost: number;
  /** Flood control of chat and private messages: lines per window, the window and the mute, in milliseconds. */
  readonly chatFloodLines: number;
  readonly chatFloodWindowMs: number;
  readonly chatFloodMuteMs: number;
  /** Kafka bootstrap brokers (host:port); empty for the embedded event log. */
  readonly kafkaBrokers: string[];
  /** How long Kafka calls (start-up, sends) may take before they fail, in milliseconds. */
  readonly kafkaTimeoutMs: number;
  /** Partitions of each topic the hotel creates. */
  readonly eventPartitions: number;
  /** Names this hotel process in consumer group ids; unique per process when several share one log. */
  readonly instanceId: string;
}

export class ConfigError extends Error {
  readonly setting: string;

  constructor(setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
    this.setting = setting;
  }
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and checks the configuration; raises ConfigError naming the first invalid setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): HotelConfig {
  const dataDir = readString(env, 'FUTURA_DATA_DIR', './data');

  return {
    host: readString(env, 'FUTURA_HOST', '127.0.0.1'),
    httpPort: readInteger(env, 'FUTURA_HTTP_PORT', 8080, 0, 65535),
    tcpPort: readInteger(env, 'FUTURA_TCP_PORT', 8081, 0, 65535),
    dataDir: path.resolve(cwd, dataDir),
    logLevel: readChoice(env, 'FUTURA_LOG_LEVEL', 'info', logLevels),
    serverName: readString(env, 'FUTURA_SERVER_NAME', 'Futura'),
    roomStepMs: readInteger(env, 'FUTURA_ROOM_STEP_MS', 500, 10, 10_000),
    heartbeatTimeoutMs: readInteger(env, 'FUTURA_HEARTBEAT_TIMEOUT_MS', 30_000, 300, 600_000),
    // Generous by default: a player may take minutes to pick a name on the register form.
    authTimeoutMs: readInteger(env, 'FUTURA_AUTH_TIMEOUT_MS', 300_000, 100, 3_600_000),
    sendQueueLimitBytes: readInteger(env, 'FUTURA_SEND_QUEUE_BYTES', 1024 * 1024, 64 * 1024, 256 * 1024 * 1024),
    maxFramesPerSecond: readInteger(env, 'FUTURA_MAX_FRAMES_PER_SECOND', 100, 5, 100_000),
    maxConnections: readInteger(env, 'FUTURA_MAX_CONNECTIONS', 50_000, 1, 1_000_000),
    scryptCost: readInteger(env, 'FUTURA_SCRYPT_COST', 15, 10, 20),
    chatFloodLines: readInteger(env, 'FUTURA_CHAT_FLOOD_LINES', 5, 1, 10_000),
    chatFloodWindowMs: readInteger(env, 'FUTURA_CHAT_FLOOD_WINDOW_MS', 5_000, 100, 3_600_000),
    chatFloodMuteMs: readInteger(env, 'FUTURA_CHAT_FLOOD_MUTE_MS', 30_000, 0, 86_400_000),
    kafkaBrokers: readBrokers(env, 'FUTURA_KAFKA_BROKERS'),
    kafkaTimeoutMs: readInteger(env, 'FUTURA_KAFKA_TIMEOUT_MS', 15_000, 500, 600_000),
    eventPartitions: readInteger(env, 'FUTURA_EVENT_PARTITIONS', 6, 1, 256),
    instanceId: readString(env, 'FUTURA_INSTANCE_ID', 'hotel-1'),
  };
}

function readString(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined) {
    return fallback;
  }
  if (raw.trim() === '') {
    throw new ConfigError(name, 'is set but empty; unset it to use the default or give a value.');
  }
  return raw.trim();
}

function readInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined) {
    return fallback;
  }

  if (!/^\d+$/.test(raw.trim())) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  const value = Number(raw.trim());
  if (value < min || value > max) {
    throw new ConfigError(name, `must be from ${min} to ${max}, got ${value}.`);
  }
  return value;
}

function readBrokers(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') {
    return [];
  }

  const brokers = raw.split(',').map((broker) => broker.trim());
  for (const broker of brokers) {
    const match = /^([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/.exec(broker);
    if (match === null || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      throw new ConfigError(name, `must be a comma-separated list of host:port, got "${broker}".`);
    }
  }
  return brokers;
}

function readChoice(env: NodeJS.ProcessEnv, name: string, fallback: string, choices: string[]): string {
  const value = readString(env, name, fallback);
  if (!choices.includes(value)) {
    throw new ConfigError(name, `must be one of ${choices.join(', ')}, got "${value}".`);
  }
  return value;
}
