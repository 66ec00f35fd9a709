/**
 * The CLI's standard output and error. Text is written straight to the file descriptor, in pieces of
 * at most 64 K characters through one reused buffer: megabytes of a report's JSON go out in about half
 * the time `process.stdout.write` takes, which encodes the whole text into a new buffer and, on a
 * pipe, waits for the reader through the event loop.
 *
 * The streams are not touched until needed: a Node stream on a pipe makes its descriptor
 * non-blocking, and a direct write to a full non-blocking pipe fails (EAGAIN). When a direct write
 * fails for any reason (EAGAIN, a reader that closed the pipe, a descriptor that is not there), the
 * rest of the text, and everything after it, goes through the stream as before: it waits for a slow
 * reader, and a closed pipe ends the CLI quietly with the status so far.
 */
import * as fs from 'fs';

/** UTF-16 code units per piece; a piece's UTF-8 takes at most 3 bytes per unit. */
const PIECE = 1 << 16;
let buffer: Buffer | undefined;

// A reader that stops early (`sdi-feedback --json big.md | head`) closes the pipe: end quietly, with
// the status so far, in every mode (stdout or stderr, e.g. `2>&1 | head`). The stream emits the error
// after `main` has returned (writes to a pipe are synchronous on POSIX), so the status is known by then.
const quietOnClosedPipe = (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(process.exitCode ?? 0);
  throw e;
};

/** The descriptors whose text goes through their stream (after a direct write failed). */
const viaStream = new Set<1 | 2>();

function stream(fd: 1 | 2): NodeJS.WriteStream {
  const s = fd === 1 ? process.stdout : process.stderr;
  if (!viaStream.has(fd)) {
    viaStream.add(fd);
    s.on('error', quietOnClosedPipe);
  }
  return s;
}

function write(fd: 1 | 2, text: string): void {
  if (viaStream.has(fd)) {
    stream(fd).write(text);
    return;
  }
  buffer ??= Buffer.allocUnsafe(PIECE * 3);
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + PIECE);
    // A piece never ends between the two halves of a surrogate pair.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    const bytes = buffer.write(text.slice(i, end));
    let done = 0;
    while (done < bytes) {
      try {
        done += fs.writeSync(fd, buffer, done, bytes - done);
      } catch {
        const s = stream(fd);
        s.write(Buffer.from(buffer.subarray(done, bytes)));
        if (end < text.length) s.write(text.slice(end));
        return;
      }
    }
    i = end;
  }
}

/** Writes text to standard output. */
export function printOut(text: string): void {
  write(1, text);
}

/** Writes text to standard error. */
export function printErr(text: string): void {
  write(2, text);
}
