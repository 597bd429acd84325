// Inline checks of the version form's JSON parameters, mirroring the server's rules (api.md 5 and 5.1) closely
// enough to catch typos before a round trip; the server stays the judge and its message is shown as well.

import { syntaxErrorAt } from './json-syntax.js';

export const JSON_LIMIT_BYTES = 64 * 1024;

/** Line and column (1-based) of a character offset. */
export function lineColumn(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Where a text JSON.parse refused goes wrong, by line and column. */
function parseProblem(text) {
  const error = syntaxErrorAt(text);
  if (!error) return 'Not valid JSON.';
  const { line, column } = lineColumn(text, error.offset);
  const found = error.offset < text.length ? `'${text[error.offset]}'` : 'the end';
  return `Not valid JSON at line ${line}, column ${column}: expected ${error.expected}, found ${found}.`;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isPort = (v) => Number.isInteger(v) && v >= 1 && v <= 65535;
const oneOf = (v, values) => values.includes(v);

function containerConfig(v) {
  if (!isObject(v)) return 'ContainerConfig must be a JSON object.';
  for (const flag of ['privileged', 'hostNetworkMode']) {
    if (v[flag] !== undefined && !oneOf(v[flag], [0, 1])) return `${flag} must be 0 or 1.`;
  }
  const lists = { portMappings: portMapping, devMappings: devMapping, volumeMappings: volumeMapping };
  for (const [name, check] of Object.entries(lists)) {
    if (v[name] === undefined) continue;
    if (!Array.isArray(v[name])) return `${name} must be an array.`;
    if (v[name].length > 10) return `${name} holds at most 10 entries.`;
    for (let i = 0; i < v[name].length; i++) {
      const problem = isObject(v[name][i]) ? check(v[name][i]) : 'must be an object';
      if (problem) return `${name}[${i}]: ${problem}.`;
    }
  }
  return null;
}

function portMapping(m) {
  if (!isPort(m.hostPort)) return 'hostPort must be a number from 1 to 65535';
  if (!isPort(m.containerPort)) return 'containerPort must be a number from 1 to 65535';
  if (!oneOf(m.protocol, ['tcp', 'udp'])) return 'protocol must be "tcp" or "udp"';
  return null;
}

function devMapping(m) {
  if (typeof m.hostPath !== 'string' || !m.hostPath.startsWith('/dev/') || m.hostPath.length > 128) return 'hostPath must be a /dev/… path of at most 128 characters';
  if (!oneOf(m.permission, ['ro', 'rw'])) return 'permission must be "ro" or "rw"';
  return null;
}

function volumeMapping(m) {
  if (typeof m.hostPath !== 'string' || !/^\S{1,128}$/.test(m.hostPath)) return 'hostPath must be 1 to 128 characters without spaces';
  if (typeof m.containerPath !== 'string' || !/^\/\S{1,127}$/.test(m.containerPath)) return 'containerPath must be an absolute path other than "/", without spaces';
  if (!oneOf(m.permission, ['ro', 'rw'])) return 'permission must be "ro" or "rw"';
  return null;
}

function driverConfig(v) {
  const items = Array.isArray(v) ? v : [v];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isObject(item)) return `DriverConfig[${i}] must be an object with format and content.`;
    if (!oneOf(item.format, ['KV', 'JSON', 'FILE'])) return `DriverConfig[${i}].format must be "KV", "JSON" or "FILE".`;
    if (typeof item.content !== 'string') return `DriverConfig[${i}].content must be a string.`;
    if (item.format === 'JSON') {
      try { JSON.parse(item.content); } catch { return `DriverConfig[${i}].content must itself be JSON (format "JSON").`; }
    }
  }
  return null;
}

function configCheckRule(v) {
  if (!isObject(v)) return 'ConfigCheckRule must be a JSON object.';
  for (const part of ['deviceConfig', 'driverConfig']) {
    if (v[part] === undefined) continue;
    if (!isObject(v[part])) return `${part} must be an object.`;
    if (v[part].required !== undefined && typeof v[part].required !== 'boolean') return `${part}.required must be true or false.`;
  }
  return null;
}

const RULES = { ContainerConfig: containerConfig, DriverConfig: driverConfig, ConfigCheckRule: configCheckRule };

/** null when `text` may be sent as parameter `name` (empty = not set), else what is wrong with it. */
export function checkJson(name, text) {
  if (text.trim() === '') return null;
  if (new TextEncoder().encode(text).length > JSON_LIMIT_BYTES) return `${name} is larger than 64 KiB.`;
  let value;
  try { value = JSON.parse(text); } catch { return parseProblem(text); }
  return RULES[name]?.(value) ?? null;
}
