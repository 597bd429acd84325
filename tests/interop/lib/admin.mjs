// The admin API (docs/admin-api.md) of a server the harness started: it runs without EDGEREG_ADMIN_TOKEN, so the
// operator token is the one the server generated at first start and saved to <data-dir>/admin-token.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const ALLOW_ALL = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['iot:*'], Resource: ['*'] }] };

export const policy = (effect, ...actions) => ({ Version: '1', Statement: [{ Effect: effect, Action: actions, Resource: ['*'] }] });

export const uniqueName = (prefix) => `${prefix}-${randomBytes(5).toString('hex')}`;

export async function adminClient(server) {
  const token = (await readFile(path.join(server.dataDir, 'admin-token'), 'utf8')).trim();
  async function request(method, route, body) {
    const init = { method, headers: { authorization: `Bearer ${token}` } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${server.baseUrl}${route}`, init);
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* empty or not JSON */ }
    return { status: res.status, text, json };
  }
  async function expect(status, method, route, body) {
    const r = await request(method, route, body);
    assert.equal(r.status, status, `${method} ${route}: HTTP ${r.status} ${r.text}`);
    return r.json;
  }
  const admin = {
    request,
    expect,
    async defaultAccountId() {
      return (await expect(200, 'GET', '/admin/accounts')).find((a) => a.isDefault).accountId;
    },
    /** A new account; returns { accountId, accessKeyId, accessKeySecret } (its first root key). */
    async createAccount() {
      return expect(201, 'POST', '/admin/accounts', { name: uniqueName('acct') });
    },
    /** A RAM user of the account with one key and each policy document attached; returns { userName, accessKeyId, accessKeySecret }. */
    async ramUser(accountId, ...documents) {
      const userName = uniqueName('user');
      await expect(201, 'POST', `/admin/accounts/${accountId}/users`, { userName });
      for (const document of documents) {
        const name = uniqueName('pol');
        await expect(200, 'PUT', `/admin/accounts/${accountId}/policies/${name}`, document);
        await expect(204, 'PUT', `/admin/accounts/${accountId}/users/${userName}/policies/${name}`);
      }
      const key = await expect(201, 'POST', `/admin/accounts/${accountId}/keys`, { userName });
      return { userName, accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
    },
  };
  return admin;
}

/** The server's context with another key pair, for `kind.make(...)`. */
export const withKey = (server, { accessKeyId, accessKeySecret }) => ({
  ...server,
  clientOptions: { ...server.clientOptions, accessKeyId, accessKeySecret },
});
