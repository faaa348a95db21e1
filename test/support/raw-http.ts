import { connect, type Socket } from "node:net";

/** What came back on a raw connection, up to the server closing it. */
export interface RawExchange {
  /** Everything the server sent. */
  readonly text: string;
  /** The status of the response line, or null when the server sent nothing. */
  readonly status: number | null;
  /** The JSON body after the headers, or null when there is none or it is not JSON. */
  readonly json: unknown;
}

function exchangeOf(text: string): RawExchange {
  const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
  const body = text.slice(text.indexOf("\r\n\r\n") + 4);
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    json = null;
  }
  return { text, status: status ? Number(status[1]) : null, json };
}

/**
 * Writes `pieces` to a fresh TCP connection, `gapMs` apart (a slow client), and resolves with what
 * the server sent once it closes the connection (or after `giveUpMs`, closing it from this side).
 */
export function rawExchange(port: number, pieces: readonly (string | Uint8Array)[], options: { readonly gapMs?: number; readonly giveUpMs?: number } = {}): Promise<RawExchange> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1");
    const received: Buffer[] = [];
    const timers: NodeJS.Timeout[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      for (const timer of timers) clearTimeout(timer);
      socket.destroy();
      resolve(exchangeOf(Buffer.concat(received).toString("utf8")));
    };
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.on("close", finish);
    socket.on("error", finish);
    socket.on("connect", () => {
      pieces.forEach((piece, index) => {
        timers.push(
          setTimeout(() => {
            if (!socket.destroyed) socket.write(piece);
          }, index * (options.gapMs ?? 0)),
        );
      });
      timers.push(setTimeout(finish, options.giveUpMs ?? 10_000));
    });
  });
}
