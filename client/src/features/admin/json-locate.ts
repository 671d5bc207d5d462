/**
 * JSON as typed in an editor, with where each value is: a syntax error's
 * line and column, and the line of every value by the dotted path the server
 * names errors with (`weights.page_view.points`; array items by index). The
 * value itself is JSON.parse's, so it is exactly what the server would read.
 */
export interface JsonPosition {
  line: number;
  column: number;
}

export type LocatedJson =
  | { ok: true; value: unknown; lines: ReadonlyMap<string, number> }
  | { ok: false; message: string; line: number; column: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

export function parseJsonWithLines(text: string): LocatedJson {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const positionOf = (offset: number): JsonPosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] as number) + 1 };
  };

  const lines = new Map<string, number>();
  let at = 0;
  const skip = () => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const describe = (offset: number) =>
    offset >= text.length ? "the end of the text" : `“${text.slice(offset, offset + 1)}”`;
  const fail = (expected: string, offset = at): never => {
    throw new JsonSyntaxError(`Expected ${expected}, found ${describe(offset)}`, offset);
  };
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

  const string = (): string => {
    const start = at;
    at++;
    while (at < text.length) {
      const char = text[at] as string;
      if (char === '"') {
        at++;
        return JSON.parse(text.slice(start, at)) as string;
      }
      if (char === "\\") {
        const next = text[at + 1] ?? "";
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) fail("four hex digits after \\u", at + 2);
          at += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== "") at += 2;
        else fail('an escape such as \\n or \\" after \\', at + 1);
      } else if (char < " ") {
        throw new JsonSyntaxError("A string cannot span lines or hold control characters; use \\n", at);
      } else at++;
    }
    throw new JsonSyntaxError("This string is never closed with a quote", start);
  };

  const value = (path: string): void => {
    skip();
    lines.set(path, positionOf(at).line);
    const char = text[at];
    if (char === "{") {
      at++;
      skip();
      if (text[at] === "}") {
        at++;
        return;
      }
      for (;;) {
        skip();
        if (text[at] !== '"')
          fail(
            text[at] === "}" ? "another member after the comma (no trailing commas in JSON)" : "a key in double quotes",
          );
        const keyAt = at;
        const key = string();
        skip();
        if (text[at] !== ":") fail("“:” after the key");
        at++;
        const childPath = join(path, key);
        value(childPath);
        lines.set(childPath, positionOf(keyAt).line);
        skip();
        if (text[at] === ",") {
          at++;
          continue;
        }
        if (text[at] === "}") {
          at++;
          return;
        }
        fail("“,” or “}”");
      }
    }
    if (char === "[") {
      at++;
      skip();
      if (text[at] === "]") {
        at++;
        return;
      }
      for (let index = 0; ; index++) {
        value(join(path, String(index)));
        skip();
        if (text[at] === ",") {
          at++;
          continue;
        }
        if (text[at] === "]") {
          at++;
          return;
        }
        fail("“,” or “]”");
      }
    }
    if (char === '"') {
      string();
      return;
    }
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = at;
    if (char !== undefined && NUMBER.exec(text)) {
      at = NUMBER.lastIndex;
      return;
    }
    fail("a value (an object, array, string, number, true, false or null)");
  };

  try {
    value("");
    skip();
    if (at < text.length) fail("nothing after the end of the JSON");
    return { ok: true, value: JSON.parse(text), lines };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, message: error.message, ...positionOf(error.offset) };
    return { ok: false, message: error instanceof Error ? error.message : String(error), line: 1, column: 1 };
  }
}

/**
 * The line of the value an error path names, or of its nearest enclosing
 * value that is in the text (a required setting that is missing points at
 * its parent). Keys may hold dots, so prefixes are tried, not split parts.
 */
export function lineOfPath(lines: ReadonlyMap<string, number>, path: string): number | null {
  for (let candidate = path; ; ) {
    const line = lines.get(candidate);
    if (line !== undefined) return line;
    const dot = candidate.lastIndexOf(".");
    if (dot < 0) return candidate === "" ? null : (lines.get("") ?? null);
    candidate = candidate.slice(0, dot);
  }
}
