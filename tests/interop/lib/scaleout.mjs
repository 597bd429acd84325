// Scale-out mode for the interop suite (EDGEREG_INTEROP_MODE=scaleout): each test file gets a fresh PostgreSQL
// database on the engines test.sh started (EDGEREG_TEST_POSTGRES, EDGEREG_TEST_REDIS; tests/engines/start.sh), two
// replicas of `edgereg serve --postgres … --redis …` on it, and the trace proxy in front alternating requests
// between them, as a load balancer would. The database is created and dropped with psql.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const isScaleOut = () => process.env.EDGEREG_INTEROP_MODE === 'scaleout';

/** The fields of an Npgsql connection string, keys lower-cased. */
function fields(connectionString) {
  return Object.fromEntries(connectionString.split(';').filter((p) => p.includes('=')).map((p) => {
    const at = p.indexOf('=');
    return [p.slice(0, at).trim().toLowerCase(), p.slice(at + 1).trim()];
  }));
}

async function psql(server, sql) {
  const f = fields(server);
  const args = ['-h', f.host ?? '127.0.0.1', '-p', f.port ?? '5432', '-U', f.username ?? f['user id'] ?? f.user ?? 'postgres',
    '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql];
  await run('psql', args, { env: { ...process.env, PGPASSWORD: f.password ?? '' } });
}

/**
 * A fresh database for one test file: { postgres, redis, drop }. `postgres` is the replicas' connection string
 * (the test server's with its Database replaced), `redis` the test Redis.
 */
export async function freshDatabase() {
  const server = process.env.EDGEREG_TEST_POSTGRES;
  const redis = process.env.EDGEREG_TEST_REDIS;
  if (!server || !redis) {
    throw new Error('EDGEREG_INTEROP_MODE=scaleout needs EDGEREG_TEST_POSTGRES and EDGEREG_TEST_REDIS: run ./test.sh, or tests/engines/start.sh DIR and `. DIR/env`.');
  }
  const name = `edgereg_interop_${randomBytes(6).toString('hex')}`;
  await psql(server, `CREATE DATABASE ${name}`);
  const postgres = server.split(';').filter((p) => p.trim() && !/^\s*database\s*=/i.test(p)).concat(`Database=${name}`).join(';');
  return { postgres, redis, drop: () => psql(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
