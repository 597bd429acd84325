// The interop suite's harness: a real `edgereg serve` on a free port with a fresh data dir and known root keys,
// and its admin API client (the operator token from <data-dir>/admin-token).
export { startServer } from '../../interop/lib/server.mjs';
export { adminClient, policy, uniqueName } from '../../interop/lib/admin.mjs';
