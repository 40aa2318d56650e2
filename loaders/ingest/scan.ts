/**
 * One streaming pass over a source file's bytes: its SHA-256, whether it is
 * valid UTF-8, signs of double encoding ("Ã¸"), NUL bytes, and — for CSV —
 * the physical line structure that DuckDB's reader does not report: which
 * records span several lines (quoted newlines), where the blank lines are,
 * and whether the file ends inside a quoted field (truncated).
 *
 * Numbering: DuckDB numbers CSV "lines" by record, counting blank lines but
 * not the newlines inside quoted fields (`reject_errors.line`). We call that
 * number D (header = 1). The physical line of record D is D plus the extra
 * newlines of all earlier multi-line records; `multi` and `blank` are kept
 * sparse. The common file (no quoted newlines, no blank lines) does not need
 * this scan at all: read.ts first only counts its lines (`countLines`) and
 * runs the structure scan when the count does not match DuckDB's rows.
 */
import {isUtf8} from "node:buffer";
import {createHash} from "node:crypto";
import {createReadStream} from "node:fs";

export type NewLine = "lf" | "crlf" | "cr";

export interface CsvStructure {
  /** Records (non-blank), header included. */
  records: number;
  /** Physical lines (a last line without newline counts). */
  lines: number;
  /** [D, extra newlines] of each record that spans several physical lines. */
  multi: [number, number][];
  /** D of each blank line. */
  blank: number[];
  /** Physical line where a quoted field opened that never closed, else null. */
  unterminatedLine: number | null;
}

export interface ByteScan {
  sha256: string;
  bytes: number;
  validUtf8: boolean;
  nonAscii: boolean;
  /**
   * No byte that could make a CSV value need trimming: space, tab, CR, 0xA0 (the no-break
   * space's last byte in UTF-8) or a quote (a quoted value can hold a newline).
   */
  trimFree: boolean;
  hasNul: boolean;
  /** Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in Windows-1252. */
  cp1252Undefined: boolean;
  /** A double-encoded sequence such as "Ã¸" was found. */
  mojibake: string | null;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Incremental CSV record scanner (see the module comment for D). */
export class CsvStructureScanner {
  private inQuote = false;
  /** A quote inside quotes was the last byte of a chunk: escaped or closing depends on the next byte. */
  private pendingQuote = false;
  /** Previous byte (for the "quote opens a field only at its start" rule); start of file acts as a newline. */
  private prev = LF;
  /** The current line has content (a byte other than CR). */
  private lineHasContent = false;
  /** The current record has content. */
  private recordHasContent = false;
  private extra = 0;
  private d = 1;
  private physical = 1;
  private quoteStart = 0;
  private started = false;
  private readonly nl: number;
  readonly multi: [number, number][] = [];
  readonly blank: number[] = [];
  records = 0;

  constructor(
    private readonly delimiter: number,
    newLine: NewLine,
    private readonly quotes = true
  ) {
    this.nl = newLine === "cr" ? CR : LF;
  }

  /** Physical lines seen so far (for progress). */
  get linesSoFar() {
    return this.physical;
  }

  push(b: Buffer) {
    const n = b.length;
    const nl = this.nl;
    let i = 0;
    if (!this.started && n > 0) {
      this.started = true;
      if (n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
    }
    if (this.pendingQuote && n > 0) {
      this.pendingQuote = false;
      if (b[0] === QUOTE)
        i = 1; // escaped "" split over chunks: still inside quotes
      else {
        this.inQuote = false;
        this.prev = QUOTE;
      }
    }
    const first = i;
    let nextQuote = this.quotes ? b.indexOf(QUOTE, i) : -1;
    let nextNl = b.indexOf(nl, i);
    while (i < n) {
      if (this.inQuote) {
        if (nextQuote !== -1 && nextQuote < i) nextQuote = b.indexOf(QUOTE, i);
        const end = nextQuote === -1 ? n : nextQuote;
        // newlines inside the quoted field
        if (nextNl !== -1 && nextNl < i) nextNl = b.indexOf(nl, i);
        while (nextNl !== -1 && nextNl < end) {
          this.extra++;
          this.physical++;
          nextNl = b.indexOf(nl, nextNl + 1);
        }
        if (nextQuote === -1) {
          this.prev = b[n - 1];
          i = n;
          break;
        }
        if (nextQuote + 1 < n) {
          if (b[nextQuote + 1] === QUOTE) {
            i = nextQuote + 2;
          } else {
            this.inQuote = false;
            this.prev = QUOTE;
            i = nextQuote + 1;
          }
          nextQuote = b.indexOf(QUOTE, i);
        } else {
          this.pendingQuote = true;
          i = n;
        }
        continue;
      }
      // outside quotes
      if (nextNl !== -1 && nextNl < i) nextNl = b.indexOf(nl, i);
      if (nextQuote !== -1 && nextQuote < i) nextQuote = b.indexOf(QUOTE, i);
      if (nextQuote !== -1 && (nextNl === -1 || nextQuote < nextNl)) {
        const before = nextQuote > first ? b[nextQuote - 1] : this.prev;
        const atFieldStart = before === this.delimiter || before === CR || before === LF;
        this.lineHasContent = true;
        this.recordHasContent = true;
        if (atFieldStart) {
          this.inQuote = true;
          this.quoteStart = this.physical;
        }
        i = nextQuote + 1;
        this.prev = QUOTE;
        nextQuote = b.indexOf(QUOTE, i);
        continue;
      }
      if (nextNl === -1) {
        if (!this.lineHasContent && hasContent(b, i, n)) this.lineHasContent = true;
        if (this.lineHasContent) this.recordHasContent = true;
        this.prev = b[n - 1];
        i = n;
        break;
      }
      // a newline outside quotes ends the line (and the record, unless the line was blank)
      if (!this.lineHasContent && hasContent(b, i, nextNl)) this.lineHasContent = true;
      if (this.lineHasContent || this.recordHasContent) this.endRecord();
      else {
        this.blank.push(this.d);
        this.d++;
      }
      this.physical++;
      this.lineHasContent = false;
      this.prev = nl;
      i = nextNl + 1;
      nextNl = b.indexOf(nl, i);
    }
  }

  private endRecord() {
    if (this.extra > 0) this.multi.push([this.d, this.extra]);
    this.records++;
    this.d++;
    this.extra = 0;
    this.recordHasContent = false;
  }

  finish(): CsvStructure {
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.inQuote = false;
    }
    let unterminatedLine: number | null = null;
    if (this.inQuote) unterminatedLine = this.quoteStart;
    else if (this.lineHasContent || this.recordHasContent) this.endRecord();
    const lines = this.prev === this.nl ? this.physical - 1 : this.physical;
    return {records: this.records, lines, multi: this.multi, blank: this.blank, unterminatedLine};
  }
}

/** Any byte other than CR in b[from, to). */
function hasContent(b: Buffer, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (b[k] !== CR) return true;
  return false;
}

const TRIM_BYTES = [0x20, 0x09, 0x0d, 0xa0, QUOTE];
const MOJIBAKE_LEADS = new Set([0xc2, 0xc5, 0xc6, 0xcb, 0xe2]);

/** Byte-level facts of a whole file, gathered chunk by chunk. */
export class ByteScanner {
  private readonly hash = createHash("sha256");
  private bytes = 0;
  private valid = true;
  private nonAscii = false;
  private nul = false;
  private trimFree = true;
  private undefinedCp1252 = false;
  private mojibake: string | null = null;
  /** Incomplete UTF-8 sequence at the end of the previous chunk. */
  private tail: Buffer = Buffer.alloc(0);
  /** Last two bytes of the previous chunk (mojibake across chunks). */
  private last2: Buffer = Buffer.alloc(0);

  push(b: Buffer) {
    this.hash.update(b);
    this.bytes += b.length;
    if (!this.nul && b.indexOf(0) !== -1) this.nul = true;
    if (this.trimFree) this.trimFree = TRIM_BYTES.every((x) => b.indexOf(x) === -1);
    if (this.valid) this.checkUtf8(b);
    if (!this.nonAscii || !this.undefinedCp1252) {
      // cheap test for any byte >= 0x80 (only until found)
      if (!this.nonAscii && !isAscii(b)) this.nonAscii = true;
      if (this.nonAscii && !this.undefinedCp1252) {
        for (const u of [0x81, 0x8d, 0x8f, 0x90, 0x9d])
          if (b.indexOf(u) !== -1) {
            this.undefinedCp1252 = true;
            break;
          }
      }
    }
    if (this.mojibake === null && this.nonAscii) this.findMojibake(b);
  }

  private checkUtf8(b: Buffer) {
    let start = 0;
    if (this.tail.length > 0) {
      const need = seqLength(this.tail[0]) - this.tail.length;
      const joined = Buffer.concat([this.tail, b.subarray(0, need)]);
      this.tail = Buffer.alloc(0);
      if (joined.length < seqLength(joined[0])) {
        this.tail = joined;
        return;
      }
      if (!isUtf8(joined)) {
        this.valid = false;
        return;
      }
      start = need;
    }
    // find an incomplete sequence at the end
    let cut = b.length;
    for (let k = b.length - 1; k >= Math.max(start, b.length - 3); k--) {
      const x = b[k];
      if ((x & 0xc0) === 0x80) continue; // continuation byte
      if (x >= 0xc0 && k + seqLength(x) > b.length) cut = k;
      break;
    }
    if (!isUtf8(b.subarray(start, cut))) this.valid = false;
    else if (cut < b.length) this.tail = Buffer.from(b.subarray(cut));
  }

  private findMojibake(b: Buffer) {
    const joined = this.last2.length ? Buffer.concat([this.last2, b.subarray(0, 4)]) : null;
    for (const buf of joined ? [joined, b] : [b]) {
      let p = buf.indexOf(0xc3);
      while (p !== -1 && p + 2 < buf.length) {
        if ((buf[p + 1] === 0x83 || buf[p + 1] === 0x82) && MOJIBAKE_LEADS.has(buf[p + 2])) {
          this.mojibake = buf
            .subarray(p, Math.min(buf.length, p + 4))
            .toString("utf8")
            .replace(/\uFFFD/g, "");
          return;
        }
        p = buf.indexOf(0xc3, p + 1);
      }
    }
    this.last2 = Buffer.from(b.subarray(Math.max(0, b.length - 2)));
  }

  finish(): ByteScan {
    if (this.tail.length > 0) this.valid = false; // file ends inside a UTF-8 sequence
    return {
      sha256: this.hash.digest("hex"),
      bytes: this.bytes,
      validUtf8: this.valid,
      nonAscii: this.nonAscii,
      hasNul: this.nul,
      trimFree: this.trimFree,
      cp1252Undefined: this.undefinedCp1252,
      mojibake: this.mojibake
    };
  }
}

function seqLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

function isAscii(b: Buffer): boolean {
  // Buffer.isAscii exists from Node 19.6/18.15
  return (
    (Buffer as unknown as {isAscii?: (x: Buffer) => boolean}).isAscii?.(b) ?? !/[^\x00-\x7f]/.test(b.toString("latin1"))
  );
}

export interface ScanOptions {
  /** Scan CSV structure with this delimiter byte and newline; omit for a byte scan only. */
  csv?: {delimiter: number; newLine: NewLine; quotes?: boolean};
  /** Only count the physical lines with this newline (the fast check that a CSV needs no structure scan). */
  countLines?: NewLine;
  /** Called with the physical lines scanned so far, about every 8 MiB. */
  onProgress?: (lines: number) => void;
}

/** Stream a file once: byte facts, and the CSV structure or the line count when asked. */
export async function scanFile(
  path: string,
  opts: ScanOptions = {}
): Promise<{bytes: ByteScan; structure: CsvStructure | null; lines: number | null}> {
  const bytes = new ByteScanner();
  const csv = opts.csv ? new CsvStructureScanner(opts.csv.delimiter, opts.csv.newLine, opts.csv.quotes ?? true) : null;
  const nl = opts.countLines ? (opts.countLines === "cr" ? CR : LF) : null;
  let newLines = 0;
  let last = -1;
  let sinceProgress = 0;
  for await (const chunk of createReadStream(path, {highWaterMark: 1 << 20})) {
    const b = chunk as Buffer;
    bytes.push(b);
    csv?.push(b);
    if (nl !== null && b.length > 0) {
      for (let p = b.indexOf(nl); p !== -1; p = b.indexOf(nl, p + 1)) newLines++;
      last = b[b.length - 1];
    }
    sinceProgress += b.length;
    if (opts.onProgress && sinceProgress >= 8 << 20) {
      sinceProgress = 0;
      opts.onProgress(csv?.linesSoFar ?? newLines);
    }
  }
  // a last line without a newline counts
  const lines = nl === null ? null : newLines + (last !== -1 && last !== nl ? 1 : 0);
  return {bytes: bytes.finish(), structure: csv ? csv.finish() : null, lines};
}
