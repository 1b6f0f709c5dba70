// SDK clients for tests against a TestHotel, closed by `closeAll`.

import { connect, type FuturaClient } from '@futura/sdk';

import type { TestHotel } from './test-hotel.ts';

export type TransportName = 'websocket' | 'tcp';

export class ClientPool {
  private readonly hotel: TestHotel;
  private readonly clients: FuturaClient[] = [];
  private nameCounter = 0;

  constructor(hotel: TestHotel) {
    this.hotel = hotel;
  }

  async connect(transport: TransportName = 'websocket'): Promise<FuturaClient> {
    const client = await connect(transport === 'tcp' ? this.hotel.tcpUrl : this.hotel.webSocketUrl, { requestTimeoutMs: 5000 });
    this.clients.push(client);
    return client;
  }

  /** Connects and registers a user with a unique name built from the prefix. */
  async user(prefix: string, transport: TransportName = 'websocket'): Promise<FuturaClient> {
    const client = await this.connect(transport);
    const name = `${prefix}${++this.nameCounter}`.slice(0, 15);
    await client.register(name, 'password123');
    return client;
  }

  closeAll(): void {
    for (const client of this.clients) {
      client.close();
    }
    this.clients.length = 0;
  }
}

/** Rejects with the error code of a FuturaError, so tests can compare codes directly. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  throw new Error('expected the request to fail, but it succeeded');
}
