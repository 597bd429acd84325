// A code package's way up: presign (CreateEdgeOssPreSignedAddress), PUT the bytes to the link with progress, check
// the SHA-256 the object store answers against our own, and hand back the OssAddress that the version will name.
import { ApiError } from './api-error.js';
import { onThisServer } from './format.js';
import { sha256Hex } from './signing.js';

/** Files up to this size are hashed in the page too (the whole file is read into memory for Web Crypto). */
export const LOCAL_HASH_LIMIT = 512 * 1024 * 1024;

/** The server wants `name.ext`, no path, at most 128 characters. */
export function packageFileName(name) {
  let clean = String(name).split(/[\\/]/).pop().replace(/[\u0000-\u001f\u007f]/g, '_');
  const dot = clean.lastIndexOf('.');
  if (dot <= 0 || dot === clean.length - 1) clean = `${clean.replace(/\.+$/, '') || 'package'}.bin`;
  if (clean.length > 128) {
    const ext = clean.slice(clean.lastIndexOf('.'));
    clean = clean.slice(0, 128 - ext.length) + ext;
  }
  return clean;
}

export async function uploadPackage(client, { driverId, version, file, onProgress }) {
  const answer = await client.call('CreateEdgeOssPreSignedAddress', {
    Type: 'DRIVER_VERSION_CONTENT', ResourceId: driverId, ResourceVersion: version, FileName: packageFileName(file.name),
  });
  const { OssAddress: ossAddress, OssPreSignedAddress: presigned } = answer.Data;
  const localHash = file.size <= LOCAL_HASH_LIMIT ? file.arrayBuffer().then(sha256Hex) : Promise.resolve(null);
  // Same origin whatever public URL the server was given: the link's signature covers method, expiry and key only.
  const put = await putWithProgress(onThisServer(presigned), file, onProgress);
  const [local, stored] = [await localHash, put.sha256];
  if (local && stored && local !== stored) {
    throw new ApiError({ code: 'BadDigest', message: `The stored package's SHA-256 (${stored}) is not the file's (${local}).`, action: 'PUT package' });
  }
  return { ossAddress, sha256: stored || local };
}

function putWithProgress(url, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.addEventListener('progress', (e) => onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size));
    xhr.addEventListener('load', () => {
      if (xhr.status === 200) {
        onProgress?.(file.size, file.size);
        resolve({ sha256: xhr.getResponseHeader('x-oss-hash-sha256') });
      } else {
        reject(ossError(xhr));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError({ code: 'NetworkError', message: 'The upload did not reach the server.', action: 'PUT package' })));
    xhr.send(file);
  });
}

/** OSS answers errors as XML: <Error><Code/><Message/><RequestId/></Error>. */
function ossError(xhr) {
  const text = xhr.responseText ?? '';
  const tag = (name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1] ?? '';
  return new ApiError({
    code: tag('Code') || `HTTP ${xhr.status}`, message: tag('Message') || text.slice(0, 200),
    requestId: tag('RequestId') || xhr.getResponseHeader('x-oss-request-id') || '', status: xhr.status, action: 'PUT package',
  });
}
