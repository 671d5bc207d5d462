import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type CsvError, parse } from "csv-parse";

/** One CSV record and the line of the file it starts on (the header is line 1 when nothing precedes it). */
export interface CsvRecord {
  line: number;
  values: string[];
}

export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** The longest record accepted, in characters: a missing closing quote must not read the rest of the file into memory. */
const MAX_RECORD_CHARS = 1_000_000;

/**
 * The records of a CSV stream, one at a time, through csv-parse: nothing is
 * read ahead of what the caller consumes beyond the streams' own buffers, so
 * a file of any length is held a record at a time. Empty lines are skipped;
 * records whose field count differs from the header's come through as they
 * are (the caller reports them as bad rows rather than losing the file).
 * Unreadable CSV (an unclosed quote) throws `CsvImportError` with its line.
 */
export async function* csvRecords(source: Readable, delimiter: CsvDelimiter = ","): AsyncGenerator<CsvRecord> {
  // A parse error would destroy the stream and lose the records parsed before it in the same
  // chunk. So the parser skips instead, and the first skip is where the file stops being
  // readable: the records before it are yielded, then CsvImportError (a quote error leaves the
  // parser out of step, so nothing after it is trusted).
  let parsed = 0;
  // Set from a callback, so typed by assertion: a plain `= null` would narrow it to null below.
  let failure = null as { after: number; error: CsvImportError } | null;
  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: true,
    on_record: (record) => {
      parsed++;
      return record;
    },
    on_skip: (error) => {
      failure ??= { after: parsed, error: new CsvImportError(lineOf(error) ?? 0, error?.message ?? "unreadable CSV") };
    },
  });
  // The source's errors (a dropped upload) reach the loop below through the parser. Not awaited at the
  // end either: a source still waiting for its upload ends when the upload is disposed of.
  pipeline(source, lineFeeds(), parser).catch(() => {});
  let yielded = 0;
  let lastLine = 0;
  let lastEmpty = 0;
  const stopHere = () => failure !== null && yielded >= failure.after;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: RecordInfo }>) {
      if (stopHere()) break;
      // info.lines is where the record ends: it starts after the previous one and the empty lines skipped since.
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines;
      lastEmpty = info.empty_lines;
      yielded++;
      yield { line, values: record };
    }
    if (failure && stopHere()) throw failure.error;
  } finally {
    parser.destroy();
  }
}

/**
 * CRLF as LF. csv-parse counts a CRLF inside a quoted value as two lines,
 * which would shift every later row's line number; as LF it counts one, and
 * a value's line break reads the same whichever system wrote the file.
 * Bytes, not text: 0x0D and 0x0A never occur inside a UTF-8 sequence.
 */
function lineFeeds(): Transform {
  let held: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let bytes = held ? Buffer.concat([held, chunk]) : chunk;
      held = null;
      // A CR at the end may be the first half of a CRLF split between chunks.
      if (bytes.at(-1) === 0x0d) {
        held = bytes.subarray(bytes.length - 1);
        bytes = bytes.subarray(0, bytes.length - 1);
      }
      const parts: Buffer[] = [];
      let start = 0;
      for (let i = bytes.indexOf(0x0d); i !== -1; i = bytes.indexOf(0x0d, i + 1)) {
        if (bytes[i + 1] === 0x0a) {
          parts.push(bytes.subarray(start, i));
          start = i + 1;
        }
      }
      parts.push(bytes.subarray(start));
      done(null, parts.length === 1 ? bytes : Buffer.concat(parts));
    },
    flush(done) {
      done(null, held ?? undefined);
    },
  });
}

interface RecordInfo {
  lines: number;
  empty_lines: number;
}

/** The file is not readable CSV from `line` on. */
export class CsvImportError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CsvImportError";
  }
}

function lineOf(error: CsvError | undefined): number | undefined {
  const lines = (error as unknown as { lines?: unknown }).lines;
  return typeof lines === "number" && lines > 0 ? lines : undefined;
}
