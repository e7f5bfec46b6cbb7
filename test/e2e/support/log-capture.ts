import fs from 'node:fs';

/**
 * Captures what this process writes to stdout and stderr — pino's JSON lines (written by sonic-boom
 * with fs.write/fs.writeSync on fd 1) and console output alike — while still passing it through.
 * The apps started in-process by `startTestStack` log this way, so a test sees every log line of
 * gateway, membership and mailer.
 */
export interface LogCapture {
  /** Everything written since start, as one string. */
  text(): string;
  /** The JSON log lines written since start, parsed (other lines are skipped). */
  lines(): Record<string, unknown>[];
  stop(): void;
}

export function captureLogs(options: { passThrough?: boolean } = {}): LogCapture {
  const chunks: string[] = [];
  const record = (fd: unknown, data: unknown) => {
    if (fd !== 1 && fd !== 2) return;
    if (typeof data === 'string') chunks.push(data);
    else if (ArrayBuffer.isView(data))
      chunks.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
  };
  const passThrough = options.passThrough ?? false;
  const original = {
    write: fs.write,
    writeSync: fs.writeSync,
    stdout: process.stdout.write,
    stderr: process.stderr.write,
  };

  // The app's log volume would drown the test output; pass through only when asked.
  (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    record(fd, data);
    if (passThrough || (fd !== 1 && fd !== 2))
      return (original.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    return typeof data === 'string' ? Buffer.byteLength(data) : (data as Buffer).byteLength;
  };
  (fs as { write: unknown }).write = (fd: number, data: unknown, ...rest: unknown[]) => {
    record(fd, data);
    if (passThrough || (fd !== 1 && fd !== 2))
      return (original.write as (...a: unknown[]) => void)(fd, data, ...rest);
    const callback = rest.find((r) => typeof r === 'function') as
      ((error: null, written: number) => void) | undefined;
    const written = typeof data === 'string' ? Buffer.byteLength(data) : (data as Buffer).byteLength;
    if (callback) process.nextTick(callback, null, written);
  };
  const wrap = (stream: NodeJS.WriteStream, fd: number, write: typeof process.stdout.write) =>
    function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      record(fd, chunk);
      if (passThrough) return (write as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
    } as typeof process.stdout.write;
  process.stdout.write = wrap(process.stdout, 1, original.stdout);
  process.stderr.write = wrap(process.stderr, 2, original.stderr);

  return {
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .flatMap((line) => {
          if (!line.startsWith('{')) return [];
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        }),
    stop() {
      (fs as { write: unknown }).write = original.write;
      (fs as { writeSync: unknown }).writeSync = original.writeSync;
      process.stdout.write = original.stdout;
      process.stderr.write = original.stderr;
    },
  };
}
