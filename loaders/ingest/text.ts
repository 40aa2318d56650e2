/**
 * Text encodings: decide how a text file is encoded and, when it is not
 * UTF-8, transcode it to a UTF-8 temp file that DuckDB reads.
 *
 * Rule: a UTF-8 BOM or valid UTF-8 → UTF-8; a UTF-16 BOM → UTF-16; otherwise
 * Windows-1252 (which covers Latin-1 and keeps æ, ø, å) unless the file has
 * bytes that Windows-1252 leaves undefined. `--encoding` overrides, but an
 * override that would garble the text (valid UTF-8 with non-ASCII letters
 * declared as Windows-1252, or invalid UTF-8 declared as UTF-8) is fatal.
 * UTF-8 text that shows double encoding ("Ã¸" for "ø") is fatal too.
 */
import {createReadStream, createWriteStream, openSync, readSync, closeSync} from "node:fs";
import {once} from "node:events";
import {isUtf8} from "node:buffer";
import {fail} from "./errors.ts";
import type {ByteScan} from "./scan.ts";

export type Encoding = "utf-8" | "windows-1252" | "utf-16le" | "utf-16be";

/** --encoding values and what they mean. latin-1 is read as Windows-1252 (its superset, as browsers do). */
export function parseEncoding(value: string): Encoding | null {
  const v = value.toLowerCase().replace(/[_\s]/g, "-");
  if (["utf-8", "utf8", "utf-8-sig", "utf8-bom", "utf-8-bom"].includes(v)) return "utf-8";
  if (["windows-1252", "cp1252", "win-1252", "latin-1", "latin1", "iso-8859-1", "iso8859-1", "ansi"].includes(v))
    return "windows-1252";
  if (["utf-16le", "utf16le", "utf-16", "utf16", "unicode"].includes(v)) return "utf-16le";
  if (["utf-16be", "utf16be"].includes(v)) return "utf-16be";
  return null;
}

export function bomOf(head: Buffer): {encoding: Encoding; length: number} | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return {encoding: "utf-8", length: 3};
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return {encoding: "utf-16le", length: 2};
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return {encoding: "utf-16be", length: 2};
  return null;
}

/** The first `size` bytes of a file. */
export function readHead(path: string, size = 1 << 16): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(size);
    const n = readSync(fd, buf, 0, size, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Valid UTF-8, allowing the head to end inside a multi-byte sequence. */
export function headIsUtf8(head: Buffer, complete: boolean): boolean {
  if (isUtf8(head)) return true;
  if (complete) return false;
  for (let cut = head.length - 1; cut >= Math.max(0, head.length - 3); cut--) {
    if (isUtf8(head.subarray(0, cut))) return true;
  }
  return false;
}

/** The tentative encoding from the head (the full scan confirms UTF-8). */
export function encodingFromHead(head: Buffer, complete: boolean, forced: Encoding | null): Encoding {
  if (forced) return forced;
  const bom = bomOf(head);
  if (bom) return bom.encoding;
  return headIsUtf8(head, complete) ? "utf-8" : "windows-1252";
}

export function decodeHead(head: Buffer, encoding: Encoding): string {
  const bom = bomOf(head);
  const body = bom && bom.encoding === encoding ? head.subarray(bom.length) : head;
  return new TextDecoder(encoding).decode(body);
}

/**
 * Fatal checks after the full byte scan. Returns the final encoding
 * (a tentative UTF-8 that turns out invalid becomes Windows-1252).
 */
export function confirmEncoding(file: string, tentative: Encoding, forced: Encoding | null, scan: ByteScan): Encoding {
  if (scan.bytes === 0) {
    fail(
      "empty_file",
      file,
      "Filen er tom (0 bytes). Eksportér den igen.",
      "The file is empty (0 bytes). Export it again."
    );
  }
  if (tentative === "utf-16le" || tentative === "utf-16be") return tentative;
  if (scan.hasNul) {
    fail(
      "binary_file",
      file,
      "Filen indeholder binære data (NUL-bytes) og er ikke en tekstfil. Er det en .xlsx eller en UTF-16-fil uden BOM? Gem den som CSV (UTF-8).",
      "The file contains binary data (NUL bytes) and is not a text file. Is it an .xlsx or UTF-16 without a BOM? Save it as CSV (UTF-8)."
    );
  }
  if (tentative === "utf-8") {
    if (!scan.validUtf8) {
      if (forced === "utf-8") {
        fail(
          "encoding",
          file,
          "Filen er ikke gyldig UTF-8, selv om --encoding utf-8 er angivet; æ, ø og å ville blive ødelagt. Fjern --encoding (så findes tegnsættet automatisk) eller angiv --encoding windows-1252.",
          "The file is not valid UTF-8 although --encoding utf-8 was given; æ, ø and å would be garbled. Drop --encoding (to detect it) or pass --encoding windows-1252."
        );
      }
      tentative = "windows-1252";
    } else {
      if (scan.mojibake) {
        fail(
          "mojibake",
          file,
          `Teksten ser dobbelt-kodet ud (fx "${scan.mojibake}" i stedet for æ, ø eller å). Filen er blevet gemt forkert; eksportér den igen som UTF-8.`,
          `The text looks double-encoded (e.g. "${scan.mojibake}" instead of æ, ø or å). The file was saved wrongly; export it again as UTF-8.`
        );
      }
      return "utf-8";
    }
  }
  // windows-1252
  if (scan.validUtf8 && scan.nonAscii) {
    fail(
      "encoding",
      file,
      "Filen er UTF-8, men --encoding windows-1252 er angivet; æ, ø og å ville blive til Ã¦, Ã¸ og Ã¥. Fjern --encoding.",
      "The file is UTF-8 but --encoding windows-1252 was given; æ, ø and å would become Ã¦, Ã¸ and Ã¥. Drop --encoding."
    );
  }
  if (scan.cp1252Undefined) {
    fail(
      "encoding",
      file,
      "Tegnsættet kan ikke genkendes (hverken UTF-8 eller Windows-1252). Gem filen som CSV UTF-8.",
      "The encoding cannot be recognised (neither UTF-8 nor Windows-1252). Save the file as CSV UTF-8."
    );
  }
  return "windows-1252";
}

/**
 * Transcode a file to UTF-8 (streaming, via TextDecoder). For UTF-16 the
 * SHA-256 and the byte facts of the original are gathered by the caller's
 * byte scanner, which this function feeds.
 */
export async function transcodeToUtf8(
  src: string,
  dst: string,
  encoding: Encoding,
  onChunk?: (b: Buffer) => void
): Promise<void> {
  const decoder = new TextDecoder(encoding, {fatal: false, ignoreBOM: false});
  const out = createWriteStream(dst);
  for await (const chunk of createReadStream(src, {highWaterMark: 1 << 20})) {
    const b = chunk as Buffer;
    onChunk?.(b);
    const text = decoder.decode(b, {stream: true});
    if (!out.write(text, "utf8")) await once(out, "drain");
  }
  out.end(decoder.decode());
  await once(out, "finish");
}
