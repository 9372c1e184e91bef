// Splits a byte stream into physical lines while tracking each line's byte
// offset and length, so an event can be read back later from its source.
// UTF-8 is split at byte level on '\n' (0x0A never occurs inside a multi-byte
// sequence), so a decoded piece never ends mid-character and a line that
// spans two chunks parses exactly like one that does not.

/** Lines longer than this keep only their head in memory (the rest is counted, not lost). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export type LineSink = (text: string, byteOffset: number, byteLength: number, truncated: boolean) => void;

/**
 * A line as bytes, undecoded: b[start..end) without its newline or CR. The
 * byte at b[end] is that '\n' or '\r' (or past the buffer): parsers may use
 * it as a sentinel. `b` is only valid during the call.
 */
export type ByteLineSink = (b: Uint8Array, start: number, end: number, byteOffset: number) => void;

/**
 * Optional first try for each line in byte mode: read the line that starts at
 * b[start] and return the index of its '\n', or -1 to have the splitter find
 * the end and call the ByteLineSink. (A JSON scanner knows where its line ends
 * without a separate search.) It is only called for a line whose newline is
 * in `b`, and must not read past that newline.
 */
export type ByteLineScanner = (b: Uint8Array, start: number, byteOffset: number) => number;

/**
 * Told, in byte mode, which buffer the next lines come from (null once they
 * stop): its bytes do not change until the next call, so the sink may decode
 * runs of it once and slice strings out (json-values.ts' shareChunk).
 */
export type ChunkListener = (b: Uint8Array | null) => void;

/**
 * Byte mode's three callbacks as methods of one object (LineSplitter.useReader).
 * The splitter's line loop is compiled with the reader's methods inlined; a
 * reader of one class keeps that code valid from one reader to the next,
 * where a new closure per reader (each slice of a split file) was a new call
 * target, and the loop was compiled again.
 */
export interface ByteLineReader {
  lineBytes: ByteLineSink;
  scanLine?: ByteLineScanner;
  chunk?: ChunkListener;
}

export class LineSplitter {
  private carry: Uint8Array[] = [];
  private carryLen = 0;
  /** Bytes of the current line dropped because it exceeded MAX_LINE_BYTES. */
  private dropped = 0;
  private lastByteWasNl = false;
  private offset = 0;
  private readonly decoder: TextDecoder;
  private readonly utf16: boolean;
  private pendingText = '';
  /** Set by useBytes: UTF-8 lines from now on go out undecoded (lines over MAX_LINE_BYTES still go out as text). */
  private bytesReader: ByteLineReader | null = null;
  /** Lines whose text had bytes that were not valid in the encoding (replaced by U+FFFD). */
  invalidLines = 0;

  constructor(private readonly sink: LineSink, readonly encoding: Encoding = 'utf-8') {
    // The driver strips a BOM itself (and calls skip), so keep any later U+FEFF as text.
    this.decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
    this.utf16 = encoding !== 'utf-8';
  }

  /**
   * Hand later lines to `sink` as bytes (UTF-8 only; returns false for
   * UTF-16, which stays on the text sink). The caller decodes what it needs,
   * and counts invalid bytes itself.
   */
  useBytes(sink: ByteLineSink, scanner?: ByteLineScanner, onChunk?: ChunkListener): boolean {
    return this.useReader({ lineBytes: sink, scanLine: scanner, chunk: onChunk });
  }

  /** useBytes with the callbacks as one reader's methods (see ByteLineReader). */
  useReader(reader: ByteLineReader): boolean {
    if (this.utf16) return false;
    this.bytesReader = reader;
    return true;
  }

  push(chunk: Uint8Array): void {
    if (this.utf16) return this.pushUtf16(chunk);
    if (this.bytesReader) {
      // Node hands out Buffers (a Uint8Array subclass): one array class keeps the parsers' byte loads monomorphic.
      if (Object.getPrototypeOf(chunk) !== Uint8Array.prototype) chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      return this.pushBytes(chunk, this.bytesReader);
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      if (this.carryLen === 0 && this.dropped === 0) {
        // Fast path: a run of complete lines inside this chunk, decoded at once.
        const last = chunk.lastIndexOf(10);
        this.emitPiece(chunk.subarray(start, last + 1));
        start = last + 1;
        break;
      }
      this.appendCarry(chunk.subarray(start, nl + 1));
      this.flushCarry();
      start = nl + 1;
    }
    if (start < chunk.length) this.appendCarry(chunk.subarray(start));
  }

  /** Byte mode: complete lines go straight from the chunk, the rest waits in the carry. */
  private pushBytes(chunk: Uint8Array, reader: ByteLineReader): void {
    let start = 0;
    if (this.carryLen > 0 || this.dropped > 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.appendCarry(chunk);
        return;
      }
      this.appendCarry(chunk.subarray(0, nl + 1));
      this.flushCarry();
      start = nl + 1;
    }
    // The scanner only sees lines with a newline after them in this chunk: it never reads past the chunk.
    const lastNl = reader.scanLine !== undefined ? chunk.lastIndexOf(10) : -1;
    // (The carry above is a buffer of its own, never announced: lines from it are decoded value by value.)
    reader.chunk?.(chunk);
    try {
      start = this.linesOf(chunk, start, lastNl, reader);
    } finally {
      reader.chunk?.(null);
    }
    if (start < chunk.length) this.appendCarry(chunk.subarray(start));
  }

  /**
   * The whole lines of chunk from `start` on; returns where the rest (for the
   * carry) starts. The loop is the one V8 compiles with the parser inlined,
   * on stack while it runs: it ends in a plain return, as code after the loop
   * runs once per chunk and, reached in the optimised code without type
   * feedback, threw that code away at the end of nearly every chunk.
   */
  private linesOf(chunk: Uint8Array, start: number, lastNl: number, reader: ByteLineReader): number {
    for (;;) {
      if (start <= lastNl) {
        // (scanLine is there: lastNl is -1 without it)
        const found = (reader as Required<ByteLineReader>).scanLine(chunk, start, this.offset);
        if (found >= 0) {
          this.offset += found + 1 - start;
          start = found + 1;
          continue;
        }
      }
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      const end = nl > start && chunk[nl - 1] === 13 ? nl - 1 : nl;
      reader.lineBytes(chunk, start, end, this.offset);
      this.offset += nl + 1 - start;
      start = nl + 1;
    }
    return start;
  }

  end(): void {
    if (this.utf16) {
      const rest = this.pendingText + this.decoder.decode();
      this.pendingText = '';
      if (rest.length > 0) this.emitTextLines(rest, true);
      return;
    }
    if (this.carryLen > 0 || this.dropped > 0) this.flushCarry();
  }

  private appendCarry(part: Uint8Array): void {
    this.lastByteWasNl = part.length > 0 && part[part.length - 1] === 10;
    if (this.carryLen + part.length > MAX_LINE_BYTES) {
      const keep = Math.max(0, MAX_LINE_BYTES - this.carryLen);
      if (keep > 0) {
        this.carry.push(part.slice(0, keep));
        this.carryLen += keep;
      }
      this.dropped += part.length - keep;
      return;
    }
    this.carry.push(part.slice());
    this.carryLen += part.length;
  }

  private flushCarry(): void {
    // One spare byte: a last line without a newline still has a sentinel after it in byte mode.
    const buf = new Uint8Array(this.carryLen + 1);
    let o = 0;
    for (const p of this.carry) {
      buf.set(p, o);
      o += p.length;
    }
    buf[o] = 10;
    this.carry = [];
    this.carryLen = 0;
    if (this.dropped > 0) {
      const dropped = this.dropped;
      this.dropped = 0;
      // The kept head never contains the newline (it was past the cap), so
      // the line's true length is everything we saw up to it.
      const text = this.decoder.decode(buf.subarray(0, o)).replace(/\r?\n$/, '');
      const total = o + dropped;
      const hasNl = total > 0 && this.lastByteWasNl;
      this.sink(text, this.offset, total - (hasNl ? 1 : 0), true);
      this.offset += total;
      return;
    }
    const reader = this.bytesReader;
    if (reader) {
      const nl = o > 0 && buf[o - 1] === 10 ? o - 1 : o;
      const end = nl > 0 && buf[nl - 1] === 13 ? nl - 1 : nl;
      reader.lineBytes(buf, 0, end, this.offset);
      this.offset += o;
      return;
    }
    this.emitPiece(buf.subarray(0, o));
  }

  /** Decode a run of whole lines (the last one may lack its newline at EOF). */
  private emitPiece(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const text = this.decoder.decode(bytes);
    const ascii = text.length === bytes.length;
    // Lone invalid bytes decode to one U+FFFD each, so a piece can look ASCII by length and still hold them.
    const replaced = text.indexOf('\uFFFD') >= 0;
    let pos = 0;
    /** Byte position of the line in `bytes`: each '\n' of the text is a 0x0A there (invalid bytes never swallow one). */
    let bytePos = 0;
    const textMode = this.bytesReader === null;
    while (pos < text.length) {
      if (textMode && this.bytesReader !== null) {
        // The sink switched to bytes (format detected on a line of this piece): the rest goes as bytes, undecoded.
        this.restAsBytes(bytes.subarray(ascii ? pos : bytePos), this.bytesReader);
        return;
      }
      let nl = text.indexOf('\n', pos);
      const hasNl = nl >= 0;
      if (!hasNl) nl = text.length;
      let line = text.slice(pos, nl);
      // Measured on the bytes, not re-encoded: a U+FFFD that replaced one invalid byte is not 3 bytes.
      let lineBytes = line.length;
      if (!ascii) {
        const byteNl = hasNl ? bytes.indexOf(10, bytePos) : bytes.length;
        lineBytes = byteNl - bytePos;
        bytePos = byteNl + 1;
      }
      let cr = 0;
      if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) {
        line = line.slice(0, -1);
        cr = 1;
      }
      if (replaced && line.includes('\uFFFD')) this.invalidLines++;
      this.sink(line, this.offset, lineBytes - cr, false);
      this.offset += lineBytes + (hasNl ? 1 : 0);
      pos = nl + 1;
    }
  }

  /**
   * The undecoded rest of a piece after useBytes: whole lines, the last one
   * without its newline only at the end of the input (flushed at once, as
   * end() would have).
   */
  private restAsBytes(rest: Uint8Array, reader: ByteLineReader): void {
    if (rest.length === 0) return;
    if (Object.getPrototypeOf(rest) !== Uint8Array.prototype) rest = new Uint8Array(rest.buffer, rest.byteOffset, rest.byteLength);
    this.pushBytes(rest, reader);
    if (rest[rest.length - 1] !== 10 && this.carryLen > 0) this.flushCarry();
  }

  private pushUtf16(chunk: Uint8Array): void {
    const text = this.pendingText + this.decoder.decode(chunk, { stream: true });
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      this.pendingText = text;
      return;
    }
    this.pendingText = text.slice(last + 1);
    this.emitTextLines(text.slice(0, last + 1), false);
  }

  /** UTF-16: each code unit is two bytes, so offsets follow from character counts. */
  private emitTextLines(text: string, atEnd: boolean): void {
    let pos = 0;
    while (pos < text.length) {
      let nl = text.indexOf('\n', pos);
      const hasNl = nl >= 0;
      if (!hasNl) nl = text.length;
      let line = text.slice(pos, nl);
      const units = line.length;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.includes('\uFFFD')) this.invalidLines++;
      this.sink(line, this.offset, line.length * 2, false);
      this.offset += (units + (hasNl ? 1 : 0)) * 2;
      pos = nl + 1;
      if (!hasNl && !atEnd) break;
    }
  }

  /** Skip leading bytes (a BOM) without emitting them, keeping offsets true to the file. */
  skip(n: number): void {
    this.offset += n;
  }
}

/** UTF-8 byte length of a JS string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
