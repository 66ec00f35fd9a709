/**
 * The CLI's standard output and error. To a file or a pipe, text is written straight to the file
 * descriptor, synchronously, as one buffer of UTF-8 (faster than `process.stdout.write`, which on a
 * pipe waits for the reader through the event loop). To a terminal, text goes through Node's stream,
 * which writes UTF-8 to a Windows console correctly (a direct write garbles the report's `–`, `−` and
 * `…` there).
 *
 * The streams are not touched until needed: a Node stream on a pipe makes its descriptor
 * non-blocking, and a direct write to a full non-blocking pipe fails (EAGAIN). When a direct write
 * fails for any reason (EAGAIN, a reader that closed the pipe, a descriptor that is not there), the
 * rest of the text, and everything after it, goes through the stream: it waits for a slow reader,
 * and a closed pipe ends the CLI quietly with the status so far.
 */
import * as fs from 'fs';
import * as tty from 'tty';

// A reader that stops early (`sdi-feedback --json big.md | head`) closes the pipe: end quietly, with
// the status so far, in every mode (stdout or stderr, e.g. `2>&1 | head`). The stream emits the error
// after `main` has returned (writes to a pipe are synchronous on POSIX), so the status is known by then.
const quietOnClosedPipe = (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') process.exit(process.exitCode ?? 0);
  throw e;
};

/** The descriptors whose text goes through their stream: a terminal, or one a direct write failed on. */
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
  if (viaStream.has(fd) || tty.isatty(fd)) {
    stream(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += fs.writeSync(fd, bytes, done);
  } catch {
    stream(fd).write(bytes.subarray(done));
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
