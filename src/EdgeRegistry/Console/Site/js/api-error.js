// One error type for every failed call: gateway errors (HTTP 4xx/5xx, `Message`) and business errors
// (HTTP 200 with `Success: false`, `ErrorMessage`) look the same to the pages.

export class ApiError extends Error {
  constructor({ code, message, requestId = '', status = 0, action = '' }) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.requestId = requestId;
    this.status = status;
    this.action = action;
  }

  get isForbidden() {
    return this.code === 'Forbidden.RAM';
  }
}

/** The ApiError an RPC answer stands for, or null when it is a success. */
export function errorOf(action, status, body, requestIdHeader = '') {
  const requestId = body?.RequestId ?? requestIdHeader ?? '';
  const failed = status >= 400 || body?.Success === false || (body?.Code && !['Success', 'OK', '200'].includes(String(body.Code)));
  if (!failed) return null;
  const code = body?.Code ?? `HTTP ${status}`;
  let message = body?.Message ?? body?.ErrorMessage ?? 'The server answered without an error message.';
  if (code === 'Forbidden.RAM') message = `Your RAM policies do not allow iot:${action}. (${message})`;
  return new ApiError({ code, message, requestId, status, action });
}

/** A failure that is not an API answer (network down, a proxy's HTML page). */
export function transportError(action, cause, status = 0) {
  return new ApiError({ code: status ? `HTTP ${status}` : 'NetworkError', message: String(cause?.message ?? cause), status, action });
}
