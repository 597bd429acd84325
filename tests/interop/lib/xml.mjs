// A strict XML reader (sax in strict mode: any malformed byte throws) that returns a plain element tree.
import { createRequire } from 'node:module';

const sax = createRequire(import.meta.url)('sax');

/** Parses `text` into { name, attributes, children: [element], text } for the root; throws if not well-formed. */
export function parseXml(text) {
  const parser = sax.parser(true, { trim: false });
  const stack = [];
  let root = null;
  let error = null;
  parser.onerror = (e) => { error = e; parser.resume(); };
  parser.onopentag = (node) => {
    const el = { name: node.name, attributes: node.attributes, children: [], text: '' };
    if (stack.length) stack.at(-1).children.push(el);
    else if (root) error ??= new Error('more than one root element');
    else root = el;
    stack.push(el);
  };
  parser.onclosetag = () => { stack.pop(); };
  parser.ontext = (t) => {
    if (stack.length) stack.at(-1).text += t;
    else if (t.trim()) error ??= new Error(`text outside the root: ${JSON.stringify(t)}`);
  };
  parser.oncdata = (t) => { if (stack.length) stack.at(-1).text += t; };
  parser.write(text).close();
  if (error) throw error;
  if (!root) throw new Error('no root element');
  return root;
}

export const child = (el, name) => el.children.find((c) => c.name === name);
export const childText = (el, name) => child(el, name)?.text;
