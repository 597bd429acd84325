// Where a JSON text first goes wrong, the same in every browser: engines word (and sometimes omit) the position of
// a JSON.parse error differently. Used only after JSON.parse has failed, to point at a line and column.

const WS = new Set([' ', '\t', '\n', '\r']);

/** The offset of the first syntax error in `text`, and what was expected there. */
export function syntaxErrorAt(text) {
  let i = 0;
  const fail = (expected) => { throw { offset: i, expected }; };
  const skip = () => { while (WS.has(text[i])) i++; };
  const literal = (word) => { if (text.startsWith(word, i)) i += word.length; else fail('a value'); };
  function string() {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits'); i += 4; }
        else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('an escape character');
      } else if (text.charCodeAt(i) < 0x20) fail('a character allowed in a string');
      i++;
    }
    if (text[i] !== '"') fail('the end of the string');
    i++;
  }
  function number() {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail('a value');
    i += m[0].length;
  }
  function list(close, item) {
    i++;
    skip();
    if (text[i] === close) { i++; return; }
    for (;;) {
      item();
      skip();
      if (text[i] === ',') { i++; skip(); continue; }
      if (text[i] === close) { i++; return; }
      fail(`',' or '${close}'`);
    }
  }
  function value() {
    skip();
    const c = text[i];
    if (c === '{') list('}', () => { if (text[i] !== '"') fail('a property name in double quotes'); string(); skip(); if (text[i] !== ':') fail("':'"); i++; value(); });
    else if (c === '[') list(']', value);
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else fail('a value');
  }
  try {
    value();
    skip();
    if (i < text.length) fail('the end of the text');
    return null;
  } catch (e) {
    if (typeof e?.offset !== 'number') throw e;
    return e;
  }
}
