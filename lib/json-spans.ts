// A strict JSON parser (what Go's encoding/json accepts) that also records where each key and value sits in the
// text, so an editor can underline the exact key a problem is about.

export type JsonPath = Array<string | number>;

export interface JsonSpan {
  /** The value's first and past-the-last character. */
  from: number;
  to: number;
  /** The key's quotes, for an object member. */
  keyFrom?: number;
  keyTo?: number;
}

export interface JsonDuplicate {
  path: JsonPath;
  keyFrom: number;
  keyTo: number;
}

export interface ParsedJson {
  value: unknown;
  spans: Map<string, JsonSpan>;
  duplicates: JsonDuplicate[];
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the text';
  if (ch === '\n' || ch === '\r') return 'the end of the line';
  return `"${ch}"`;
}

/** Parses `text` as one JSON value; throws JsonSyntaxError with a sentence and the offset where it went wrong. */
export function parseJsonWithSpans(text: string): ParsedJson {
  const spans = new Map<string, JsonSpan>();
  const duplicates: JsonDuplicate[] = [];
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const ws = () => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) fail('JSON has no comments: remove the comment.');
      else return;
    }
  };
  const str = (): string => {
    if (text[i] === "'") fail('Strings take double quotes ("…"), not single quotes.');
    if (text[i] !== '"') fail(`Expected a string in double quotes, found ${describe(text[i])}.`);
    const start = i++;
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') fail('This string has no closing double quote.', start);
      if (c === '"') {
        i++;
        return out;
      }
      if (c!.charCodeAt(0) < 0x20) fail('A control character (such as a tab) must be escaped inside a string.');
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail(`"\\${e ?? ''}" is not an escape JSON knows.`);
        continue;
      }
      out += c;
      i++;
    }
  };
  const value = (path: JsonPath, key?: { from: number; to: number }): unknown => {
    ws();
    const from = i;
    const c = text[i];
    let v: unknown;
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      const seen = new Set<string>();
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          if (text[i] === '}') fail('A comma cannot come right before "}": remove the last comma.');
          const kFrom = i;
          const k = str();
          const kTo = i;
          ws();
          if (text[i] !== ':') fail(`Expected ":" after the key "${k}", found ${describe(text[i])}.`);
          i++;
          if (seen.has(k)) duplicates.push({ path: [...path, k], keyFrom: kFrom, keyTo: kTo });
          seen.add(k);
          obj[k] = value([...path, k], { from: kFrom, to: kTo });
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail(`Expected "," or "}" after the value of "${k}", found ${describe(text[i])}.`);
        }
      }
      v = obj;
    } else if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          ws();
          if (text[i] === ']') fail('A comma cannot come right before "]": remove the last comma.');
          arr.push(value([...path, arr.length]));
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          fail(`Expected "," or "]" in the list, found ${describe(text[i])}.`);
        }
      }
      v = arr;
    } else if (c === '"' || c === "'") {
      v = str();
    } else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m || /^[\w.]/.test(text.slice(i + m[0].length))) fail('This is not a number JSON knows.');
      v = Number(m![0]);
      i += m![0].length;
    } else {
      const word = /^[A-Za-z_]\w*/.exec(text.slice(i))?.[0];
      if (word === 'true' || word === 'false' || word === 'null') {
        v = word === 'true' ? true : word === 'false' ? false : null;
        i += word.length;
      } else if (word) fail(`${word} is not a JSON value: put text in double quotes, and write true, false or null in lower case.`);
      else fail(`Expected a value, found ${describe(c)}.`);
    }
    spans.set(pathKey(path), { from, to: i, ...(key ? { keyFrom: key.from, keyTo: key.to } : {}) });
    return v;
  };
  const v = value([]);
  ws();
  if (i < text.length) fail(`Unexpected ${describe(text[i])} after the end of the JSON value.`);
  return { value: v, spans, duplicates };
}
