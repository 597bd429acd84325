// Which actions the signed-in key may not call. Learnt from Forbidden.RAM answers, and up front from probes: the
// server checks RAM permission before it looks at any parameter, so a call naming a driver that cannot exist answers
// Forbidden.RAM when denied and a harmless iot.edge.DriverNotExist (HTTP 200, nothing changed) when allowed.
const KEY = 'edgereg.denied';
const NO_DRIVER = '0'.repeat(32);

export const PROBES = {
  CreateEdgeDriver: { DriverName: '0', DriverProtocol: 'modbus', Runtime: 'python3' },
  DeleteEdgeDriver: { DriverId: NO_DRIVER },
  CreateEdgeDriverVersion: { DriverId: NO_DRIVER, DriverVersion: '0', EdgeVersion: '1' },
  UpdateEdgeDriverVersion: { DriverId: NO_DRIVER, DriverVersion: '0', EdgeVersion: '1' },
  DeleteEdgeDriverVersion: { DriverId: NO_DRIVER, DriverVersion: '0' },
  ReleaseEdgeDriverVersion: { DriverId: NO_DRIVER, DriverVersion: '0' },
  GetEdgeDriverVersion: { DriverId: NO_DRIVER, DriverVersion: '0' },
  CreateEdgeOssPreSignedAddress: { Type: 'DRIVER_VERSION_CONTENT', ResourceId: NO_DRIVER, ResourceVersion: '0', FileName: 'probe.zip' },
};

const listeners = new Set();

function read(storage) {
  try { return new Set(JSON.parse(storage.getItem(KEY) ?? '[]')); } catch { return new Set(); }
}

export function createPermissions(storage = sessionStorage) {
  const denied = read(storage);
  const permissions = {
    isDenied: (action) => denied.has(action),
    deny(action) {
      if (denied.has(action)) return;
      denied.add(action);
      storage.setItem(KEY, JSON.stringify([...denied]));
      for (const listener of listeners) listener(action);
    },
    reset() { denied.clear(); storage.removeItem(KEY); },
    onChange(listener) { listeners.add(listener); return () => listeners.delete(listener); },
    /** Asks the server about each probe-able action; `call` throws ApiError. Errors other than Forbidden.RAM mean allowed. */
    async probe(call) {
      await Promise.all(Object.entries(PROBES).map(async ([action, params]) => {
        try { await call(action, params); } catch (e) { if (e?.code === 'Forbidden.RAM') permissions.deny(action); }
      }));
    },
  };
  return permissions;
}
