/** The most of a file the preview sends: its header and first rows (the server reads at most 64 KiB). */
export const SAMPLE_BYTES = 48 * 1024;

/**
 * The start of a file for the preview: up to SAMPLE_BYTES, cut after the last
 * whole line when the file is longer, so no row is sent half read.
 */
export async function readSample(file: Blob): Promise<string> {
  const text = await file.slice(0, SAMPLE_BYTES).text();
  if (file.size <= SAMPLE_BYTES) return text;
  const end = text.lastIndexOf("\n");
  return end > 0 ? text.slice(0, end + 1) : text;
}

/**
 * How many rows a CSV file has below its header, as the import counts them:
 * records, not lines (a quoted value may span lines), leaving out empty
 * lines. Read as a stream, so a large file is never held whole. The import's
 * own count is the truth; this sizes the progress bar before there is one.
 */
export async function countRows(file: Blob): Promise<number> {
  const counter = new RowCounter();
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    counter.add(value);
  }
  return counter.finish();
}

/** Counts CSV records chunk by chunk, quotes and all. */
export class RowCounter {
  private quoted = false;
  /** Whether the record under way has any character yet (an empty line is no record). */
  private filled = false;
  private records = 0;

  add(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char === 34 /* " */) {
        this.quoted = !this.quoted;
        this.filled = true;
      } else if (char === 10 /* \n */ && !this.quoted) {
        if (this.filled) this.records++;
        this.filled = false;
      } else if (char !== 13 /* \r */ && char !== 0xfeff /* BOM */) {
        this.filled = true;
      }
    }
  }

  /** Rows below the header. */
  finish(): number {
    const records = this.records + (this.filled ? 1 : 0);
    return Math.max(0, records - 1);
  }
}

/** The delimiters the import reads, as the preview and the import name them. */
export const DELIMITERS = [
  { value: ",", label: "Comma (,)" },
  { value: ";", label: "Semicolon (;)" },
  { value: "\t", label: "Tab" },
  { value: "|", label: "Pipe (|)" },
] as const;

/** The progress bar's value: rows read of the rows expected, 100 only once the import has ended. */
export function percentOf(done: number, total: number | null, finished: boolean): number {
  if (finished) return 100;
  if (!total || total <= 0) return 0;
  // Short of 100 until the import says it is done: the estimate may be off by a row or two.
  return Math.min(99, Math.floor((done / total) * 100));
}
