import { createServer } from 'node:net';
import { once } from 'node:events';
import pg from 'pg';
import { isConnectionFailure } from './connection-failure.js';
import { createPgServerPool } from './pg-server-pool.js';

/** The errors node-postgres really throws, caught from real connections. */
describe('isConnectionFailure', () => {
  async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
    try {
      await work();
    } catch (error) {
      return error;
    }
    throw new Error('expected a failure');
  }

  it('recognises a refused connection', async () => {
    const pool = createPgServerPool({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    const error = await errorOf(() => pool.query('SELECT 1'));
    await pool.end();
    expect(isConnectionFailure(error)).toBe(true);
  });

  it('recognises a session the server side closed in the middle', async () => {
    // A "server" that accepts the connection and hangs up at once.
    const server = createServer((socket) => {
      socket.once('data', () => socket.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/none` });
    client.on('error', () => undefined);
    const error = await errorOf(() => client.connect());
    server.close();
    expect(isConnectionFailure(error)).toBe(true);
  });

  it('recognises the driver error inside a TypeORM-style wrapper and a server shutting down', () => {
    expect(isConnectionFailure({ name: 'QueryFailedError', driverError: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) })).toBe(true);
    expect(isConnectionFailure(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
  });

  it('leaves statement failures alone', () => {
    expect(isConnectionFailure(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }))).toBe(false);
    expect(isConnectionFailure(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isConnectionFailure(new Error('something else'))).toBe(false);
    expect(isConnectionFailure(undefined)).toBe(false);
  });
});
