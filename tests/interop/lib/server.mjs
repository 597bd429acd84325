// Starts a real `edgereg serve` for a test file (two replicas on PostgreSQL and Redis when
// EDGEREG_INTEROP_MODE=scaleout, lib/scaleout.mjs): port 0 on 127.0.0.1 (the port the server bound is read from its
// "listening on" log line, so no port is probed and released first), a fresh data directory, known root credentials. The command is $EDGEREG_CMD (a full command line, e.g. `dotnet /path/edgereg.dll`) or
// the repository's `edgereg` launcher. Its stdout/stderr are kept so a failure can show them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, isScaleOut } from './scaleout.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const READY_TIMEOUT_MS = Number(process.env.EDGEREG_READY_TIMEOUT_MS ?? 60_000);
const OUTPUT_LIMIT = 64 * 1024;

// ServerHost logs it once Kestrel is bound, in the text and the JSON log formats alike.
const LISTENING = /EdgeRegistry is listening on http:\/\/127\.0\.0\.1:(\d+)/;

function commandLine(args) {
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const base = process.env.EDGEREG_CMD || `'${path.join(REPO_ROOT, 'edgereg')}'`;
  // `exec` so the pid we hold is the server itself; the shell only expands $EDGEREG_CMD's words.
  return `exec ${base} ${quoted}`;
}

export async function startServer() {
  if (!isScaleOut()) return startProcess({});
  // Two replicas on one fresh database and the test Redis, sharing what replicas share (master key, root key).
  const db = await freshDatabase();
  const shared = {
    EDGEREG_POSTGRES: db.postgres,
    EDGEREG_REDIS: db.redis,
    EDGEREG_MASTER_KEY: randomBytes(32).toString('base64'),
    EDGEREG_ROOT_ACCESS_KEY_ID: `LTAI${randomBytes(8).toString('hex')}`,
    EDGEREG_ROOT_ACCESS_KEY_SECRET: randomBytes(15).toString('base64'),
  };
  const replicas = [];
  try {
    // One after the other, as a rolling start would: the first migrates and saves the generated admin token.
    replicas.push(await startProcess(shared));
    replicas.push(await startProcess(shared));
  } catch (err) {
    await Promise.all(replicas.map((r) => r.stop()));
    await db.drop();
    throw err;
  }
  const [first] = replicas;
  return {
    ...first,
    replicas,
    ports: replicas.map((r) => r.port),
    /** The pid of the replica a URL (a presigned link) points at. */
    pidFor: (url) => (replicas.find((r) => r.port === Number(new URL(url).port)) ?? first).pid,
    output: () => replicas.map((r, i) => `--- replica ${i + 1} ---\n${r.output()}`).join('\n'),
    stop: async () => {
      await Promise.all(replicas.map((r) => r.stop()));
      await db.drop();
    },
  };
}

async function startProcess(extraEnv) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'edgereg-interop-'));
  const accessKeyId = extraEnv.EDGEREG_ROOT_ACCESS_KEY_ID ?? `LTAI${randomBytes(8).toString('hex')}`;
  const accessKeySecret = extraEnv.EDGEREG_ROOT_ACCESS_KEY_SECRET ?? randomBytes(15).toString('base64');
  let output = '';
  let port = null;
  const child = spawn('/bin/sh', ['-c', commandLine(['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir])], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...extraEnv, EDGEREG_ROOT_ACCESS_KEY_ID: accessKeyId, EDGEREG_ROOT_ACCESS_KEY_SECRET: accessKeySecret },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() also ends a launcher's children
  });
  const keep = (chunk) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
    port ??= Number(LISTENING.exec(output)?.[1]) || null;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exitedPromise = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(); }));

  const stop = async () => {
    if (!exited) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await exitedPromise;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`edgereg exited (${JSON.stringify(exited)}) before /health/ready answered 200.\n--- server output ---\n${output}`);
    }
    if (port !== null && await isReady(port)) break;
    if (Date.now() > deadline) {
      await stop();
      const why = port === null ? 'did not log the address it listens on' : 'did not answer 200 on /health/ready';
      throw new Error(`edgereg ${why} within ${READY_TIMEOUT_MS} ms.\n--- server output ---\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    pid: child.pid, // the server itself: the shell and the launcher both exec
    port,
    dataDir,
    accessKeyId,
    accessKeySecret,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    stop,
  };
}

async function isReady(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}
