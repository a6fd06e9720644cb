// Splits a byte stream into lines, however it is chunked, without letting one endless line take
// unbounded memory.

export interface LineSplitterOptions {
  /** Receives each complete line as text, without its `\n` or `\r\n`. */
  onLine(line: string): void;
  /**
   * A line grew past `maxLineBytes`: `start` is its first bytes as text. The rest of that line,
   * up to its newline, is skipped; the next line is read normally.
   */
  onOverflow(start: string): void;
  maxLineBytes: number;
}

/** How much of an overlong line is kept to show what it was. */
const OVERFLOW_START_BYTES = 600;

export class LineSplitter {
  /** The pieces of the line not finished yet. */
  private parts: Buffer[] = [];
  private size = 0;
  /** True while skipping the rest of an overlong line. */
  private skipping = false;

  constructor(private readonly options: LineSplitterOptions) {}

  push(chunk: Buffer): void {
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, from);
      if (newline === -1) {
        this.keep(chunk.subarray(from));
        return;
      }
      this.keep(chunk.subarray(from, newline));
      this.finishLine();
      from = newline + 1;
    }
  }

  /** The stream ended: a last line without a newline is still a line. */
  end(): void {
    if (this.size > 0) this.finishLine();
    this.skipping = false;
  }

  private keep(piece: Buffer): void {
    if (this.skipping || piece.length === 0) return;
    this.parts.push(piece);
    this.size += piece.length;
    if (this.size > this.options.maxLineBytes) {
      const start = Buffer.concat(this.parts).subarray(0, OVERFLOW_START_BYTES);
      this.parts = [];
      this.size = 0;
      this.skipping = true;
      // A start cut inside a multi-byte character shows a replacement character: fine for a glimpse.
      this.options.onOverflow(`${start.toString('utf8')}…`);
    }
  }

  private finishLine(): void {
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    // Splitting at 0x0A never cuts a UTF-8 character, so each line decodes on its own.
    let line = (this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.size)).toString('utf8');
    this.parts = [];
    this.size = 0;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    this.options.onLine(line);
  }
}
