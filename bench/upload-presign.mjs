// For bench/upload-memory.sh: creates a driver and prints a presigned PUT address for a package of its version
// 1.0.0, through signed V1 calls with the interop suite's dependency-free signer (no npm install).
//   node upload-presign.mjs <base-url> <key-id> <secret>
import { signedQuery, v1Params } from '../tests/interop/lib/sign.mjs';

const [base, keyId, secret] = process.argv.slice(2);

async function call(action, params) {
  const res = await fetch(`${base}/?${signedQuery('GET', v1Params(action, keyId, params), secret)}`);
  const body = await res.json();
  if (body.Code !== 'Success') throw new Error(`${action}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const name = `mem_${Date.now() % 1e9}`;
const { DriverId } = await call('CreateEdgeDriver', { DriverName: name, DriverProtocol: 'modbus', Runtime: 'nodejs8' });
const { Data } = await call('CreateEdgeOssPreSignedAddress', { Type: 'DRIVER_VERSION_CONTENT', ResourceId: DriverId, ResourceVersion: '1.0.0', FileName: 'big.zip' });
console.log(Data.OssPreSignedAddress);
