import { connect, type Socket } from "node:net";

/**
 * HTTP over a bare TCP socket, for what fetch will not send: broken framing, conflicting lengths, a
 * header block too large, a request that never finishes. Every wait is bounded.
 */

export interface RawAnswer {
  /** the status of the first answer, or undefined when the server sent none */
  status?: number;
  headers: Record<string, string>;
  body: string;
  /** the server closed the connection (within the wait) */
  closed: boolean;
}

function portOf(address: string): number {
  return Number(new URL(address).port);
}

/** Opens a socket to the server; the caller ends it. */
export function openSocket(address: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(portOf(address), "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Reads what comes back until the server closes, the answer is complete, or `waitMs` has passed. */
export function readAnswer(socket: Socket, waitMs: number): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let raw = Buffer.alloc(0);
    let closed = false;
    const finish = () => {
      clearTimeout(timer);
      socket.removeAllListeners("data");
      const text = raw.toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const head = split >= 0 ? text.slice(0, split) : text;
      const [statusLine, ...lines] = head.split("\r\n");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(statusLine ?? "")?.[1];
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        ...(status ? { status: Number(status) } : {}),
        headers,
        body: split >= 0 ? text.slice(split + 4) : "",
        closed,
      });
    };
    const complete = () => {
      const text = raw.toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      if (split < 0) return false;
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, split))?.[1];
      return length !== undefined && Buffer.byteLength(text.slice(split + 4)) >= Number(length);
    };
    const timer = setTimeout(finish, waitMs);
    socket.on("data", (chunk: Buffer) => {
      raw = Buffer.concat([raw, chunk]);
      if (complete()) finish();
    });
    socket.once("close", () => {
      closed = true;
      finish();
    });
    socket.once("error", () => undefined);
  });
}

/** Sends `bytes` on a fresh connection and reads the answer; the socket is destroyed afterwards. */
export async function exchange(address: string, bytes: string | Buffer, waitMs = 10_000): Promise<RawAnswer> {
  const socket = await openSocket(address);
  try {
    const answer = readAnswer(socket, waitMs);
    socket.write(bytes);
    return await answer;
  } finally {
    socket.destroy();
  }
}
