// Publish, Delete and Download package: shared by the driver page's table and the version page. Each asks first
// where the change cannot be undone.
import { onThisServer } from './format.js';
import { confirmDialog } from './views/dialog.js';

export async function publishVersion(ctx, driverId, version) {
  const ok = await confirmDialog({
    title: `Publish version ${version}?`,
    message: 'A published version is immutable: it can no longer be edited or deleted, its package can no longer be replaced, and its driver can no longer be deleted.',
  });
  if (!ok) return false;
  await ctx.client.call('ReleaseEdgeDriverVersion', { DriverId: driverId, DriverVersion: version });
  ctx.status(`Published version ${version}.`);
  return true;
}

export async function deleteVersion(ctx, driverId, version) {
  const ok = await confirmDialog({
    title: `Delete version ${version}?`,
    message: 'The version and its package are deleted for good. This cannot be undone.',
  });
  if (!ok) return false;
  await ctx.client.call('DeleteEdgeDriverVersion', { DriverId: driverId, DriverVersion: version });
  ctx.status(`Deleted version ${version}.`);
  return true;
}

export async function deleteDriver(ctx, driverId, name) {
  const ok = await confirmDialog({
    title: `Delete driver ${name}?`,
    message: 'The driver, its unpublished versions and their packages are deleted for good. This cannot be undone; a driver with a published version cannot be deleted.',
  });
  if (!ok) return false;
  await ctx.client.call('DeleteEdgeDriver', { DriverId: driverId });
  ctx.status(`Deleted driver ${name}.`);
  return true;
}

/** Asks for a fresh 5-minute link (a table can be older than that) and lets the browser download it. */
export async function downloadPackage(ctx, driverId, version) {
  const answer = await ctx.client.call('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: version });
  const link = JSON.parse(answer.Data?.SourceConfig || '{}').temporaryOssAddress;
  if (!link) throw Object.assign(new Error('This version has no package.'), { code: 'NoPackage' });
  const a = document.createElement('a');
  a.href = onThisServer(link);
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}
