// A few signed V1 calls for upload-1gib.sh, with the interop suite's dependency-free signer (no npm install).
//   node presign.mjs <base-url> <key-id> <secret> upload               → prints "<OssPreSignedAddress> <OssAddress>"
//   node presign.mjs <base-url> <key-id> <secret> version <driver> <oss> → creates 1.0.0 naming it, prints its temporaryOssAddress
import { signedQuery, v1Params } from '../interop/lib/sign.mjs';

const [base, keyId, secret, command, ...args] = process.argv.slice(2);

async function call(action, params) {
  const res = await fetch(`${base}/?${signedQuery('GET', v1Params(action, keyId, params), secret)}`);
  const body = await res.json();
  if (body.Code !== 'Success') throw new Error(`${action}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

if (command === 'upload') {
  const name = `mem_${Date.now() % 1e9}`;
  const { DriverId } = await call('CreateEdgeDriver', { DriverName: name, DriverProtocol: 'modbus', Runtime: 'nodejs8' });
  const { Data } = await call('CreateEdgeOssPreSignedAddress', { Type: 'DRIVER_VERSION_CONTENT', ResourceId: DriverId, ResourceVersion: '1.0.0', FileName: 'big.zip' });
  console.log(`${Data.OssPreSignedAddress} ${Data.OssAddress} ${DriverId}`);
} else if (command === 'version') {
  const [driverId, ossAddress] = args;
  await call('CreateEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0', EdgeVersion: '2.4.0', SourceConfig: JSON.stringify({ ossAddress }) });
  const { Data } = await call('GetEdgeDriverVersion', { DriverId: driverId, DriverVersion: '1.0.0' });
  console.log(JSON.parse(Data.SourceConfig).temporaryOssAddress);
} else {
  throw new Error(`unknown command ${command}`);
}
