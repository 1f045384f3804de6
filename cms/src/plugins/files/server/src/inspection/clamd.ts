/**
 * Virus scanning through ClamAV's daemon (clamd) over its socket, with the INSTREAM command: the
 * file is streamed in length-prefixed chunks, never read whole. Off unless configured.
 */
import { createReadStream } from 'node:fs';
import { connect, type Socket } from 'node:net';

export interface ScanVerdict {
  clean: boolean;
  /** The signature clamd found, e.g. 'Eicar-Test-Signature'; null when clean. */
  signature: string | null;
}

/** Throws when the scanner fails (unreachable, timed out, or answered an error): that is never a verdict. */
export interface Scanner {
  scan(path: string): Promise<ScanVerdict>;
}

export interface ClamdOptions {
  /** A unix socket path (clamd's LocalSocket). */
  socket?: string;
  /** Or host and port (clamd's TCPSocket, 3310 by default). */
  host?: string;
  port?: number;
  /** For the whole scan, connecting included. */
  timeoutMs?: number;
}

const CHUNK = 64 * 1024;

export function clamdScanner(options: ClamdOptions): Scanner {
  if (!options.socket && !options.host) throw new Error('clamdScanner needs a socket path or a host');
  const timeoutMs = options.timeoutMs ?? 60_000;
  return {
    scan: (path) =>
      new Promise<ScanVerdict>((resolve, reject) => {
        const socket: Socket = options.socket ? connect({ path: options.socket }) : connect({ host: options.host, port: options.port ?? 3310 });
        const file = createReadStream(path, { highWaterMark: CHUNK });
        let reply = '';
        let settled = false;
        const finish = (error: Error | null, verdict?: ScanVerdict) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          file.destroy();
          socket.destroy();
          if (error) reject(error);
          else resolve(verdict!);
        };
        const timer = setTimeout(() => finish(new Error(`clamd did not answer within ${timeoutMs} ms`)), timeoutMs);

        const answer = () => {
          const text = reply.replace(/\0[\s\S]*$/, '').trim();
          if (text === 'stream: OK') return finish(null, { clean: true, signature: null });
          const found = /^stream: (.+) FOUND$/.exec(text);
          if (found) return finish(null, { clean: false, signature: found[1] });
          finish(new Error(text ? `clamd answered: ${text}` : 'clamd closed the connection without an answer'));
        };

        socket.on('data', (data: Buffer) => {
          reply += data.toString('utf8');
          if (reply.includes('\0')) answer();
        });
        socket.on('end', answer);
        socket.on('close', answer);
        socket.on('error', (error) => {
          // clamd closes early when the stream is over its StreamMaxLength: its answer says so.
          if (reply) answer();
          else finish(new Error(`clamd could not be reached: ${error.message}`));
        });
        file.on('error', (error) => finish(error));

        socket.once('connect', async () => {
          try {
            socket.write('zINSTREAM\0');
            for await (const chunk of file as AsyncIterable<Buffer>) {
              if (settled) return;
              const length = Buffer.alloc(4);
              length.writeUInt32BE(chunk.length, 0);
              socket.write(length);
              if (!socket.write(chunk)) await new Promise<void>((drained) => socket.once('drain', drained));
            }
            socket.write(Buffer.alloc(4)); // a zero length ends the stream
          } catch (error) {
            finish(error as Error);
          }
        });
      }),
  };
}

/** The scanner the environment configures (CLAMD_SOCKET, or CLAMD_HOST with CLAMD_PORT), or null: scanning is off by default. */
export function scannerFromEnv(env: NodeJS.ProcessEnv = process.env): Scanner | null {
  const timeoutMs = env.CLAMD_TIMEOUT_MS ? Number(env.CLAMD_TIMEOUT_MS) : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new Error(`CLAMD_TIMEOUT_MS must be a positive number of milliseconds, not "${env.CLAMD_TIMEOUT_MS}"`);
  if (env.CLAMD_SOCKET) return clamdScanner({ socket: env.CLAMD_SOCKET, timeoutMs });
  if (env.CLAMD_HOST) {
    const port = env.CLAMD_PORT ? Number(env.CLAMD_PORT) : 3310;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`CLAMD_PORT must be a port number, not "${env.CLAMD_PORT}"`);
    return clamdScanner({ host: env.CLAMD_HOST, port, timeoutMs });
  }
  return null;
}
