import { SaxesParser, type SaxesTagNS } from 'saxes';

/** One element of a parsed document, with where its start tag begins (1-based line and column). */
export interface XmlElement {
  /** The local name, without any namespace prefix. */
  name: string;
  /** The namespace URI the element is in ('' when none). */
  uri: string;
  /** Attributes by qualified name (e.g. `xsi:type`), with their namespace URI. */
  attributes: Record<string, { local: string; uri: string; value: string }>;
  children: XmlElement[];
  /** The element's own text and CDATA, concatenated (not its descendants'). */
  text: string;
  line: number;
  column: number;
}

export type XmlParseResult =
  | { ok: true; root: XmlElement }
  | { ok: false; problem: XmlProblem };

export interface XmlProblem {
  kind: 'malformed' | 'doctype';
  message: string;
  line: number;
  column: number;
}

export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** Thrown inside saxes handlers to stop at the first problem; never escapes parseXml. */
class StopParsing extends Error {
  constructor(readonly problem: XmlProblem) {
    super(problem.message);
  }
}

/** Maps string indexes to 1-based line and column (a binary search over line starts). */
function lineIndex(text: string): (index: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - starts[lo]! + 1 };
  };
}

/**
 * Parses an XML document into a tree that remembers line numbers. Safe by construction against
 * entity attacks: a DOCTYPE (the only place entities can be declared) stops the parse with a
 * `doctype` problem, and saxes never expands or fetches DTD-declared entities anyway, so neither
 * billion-laughs expansion nor XXE can happen. Stops at the first well-formedness error.
 */
export function parseXml(text: string): XmlParseResult {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const positionOf = lineIndex(text);
  let tagStart = { line: 1, column: 1 };

  parser.on('error', (err) => {
    // saxes prefixes "line:column: "; the finding carries them separately.
    const message = err.message.replace(/^\d+:\d+: /, '');
    throw new StopParsing({ kind: 'malformed', message, line: parser.line, column: parser.column + 1 });
  });
  parser.on('doctype', () => {
    const at = text.indexOf('<!DOCTYPE');
    const { line, column } = at >= 0 ? positionOf(at) : { line: parser.line, column: parser.column + 1 };
    throw new StopParsing({ kind: 'doctype', message: 'DOCTYPE is not allowed in metadata', line, column });
  });
  parser.on('opentagstart', (tag) => {
    // saxes is past the name (and maybe the `>`) by now; the element starts at its `<`.
    const at = text.lastIndexOf(`<${tag.name}`, parser.position);
    tagStart = positionOf(Math.max(0, at));
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes: XmlElement['attributes'] = {};
    for (const [name, attr] of Object.entries(tag.attributes)) {
      attributes[name] = { local: attr.local, uri: attr.uri, value: attr.value };
    }
    const element: XmlElement = { name: tag.local, uri: tag.uri, attributes, children: [], text: '', ...tagStart };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (chunk: string): void => {
    const current = stack.at(-1);
    if (current) current.text += chunk;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof StopParsing) return { ok: false, problem: err.problem };
    throw err;
  }
  if (!root) return { ok: false, problem: { kind: 'malformed', message: 'document has no root element', line: 1, column: 1 } };
  return { ok: true, root };
}
