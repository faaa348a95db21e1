import type { Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";
import { PlanAssistantError } from "../errors.js";
import { clientErrorResponse } from "./http-error.js";
import { DEFAULT_WEB_LIMITS, type WebLimits } from "./web-limits.js";

export interface StartedWebServer {
  /** Where the server listens, e.g. http://127.0.0.1:3000/ (IPv6 hosts in brackets). */
  readonly url: string;
  readonly port: number;
  /** Open client connections (sockets) right now. */
  connections(): Promise<number>;
  /** Stops accepting connections and closes idle ones; resolves when the server is closed. */
  stop(): Promise<void>;
}

export interface WebServerOptions {
  readonly host: string;
  readonly port: number;
  /** Timeouts for slow clients; defaults in DEFAULT_WEB_LIMITS. */
  readonly limits?: Partial<Pick<WebLimits, "headersTimeoutMs" | "requestTimeoutMs">>;
}

/** How often Node looks for requests past their timeout: often enough that a timeout fires close to when it is due. */
function checkingInterval(headersTimeoutMs: number): number {
  return Math.max(20, Math.min(1_000, Math.floor(headersTimeoutMs / 4)));
}

/**
 * Serves `app` on host:port with @hono/node-server. Port 0 picks a free port (tests).
 *
 * Slow clients are bounded: a client that has not sent its headers within `headersTimeoutMs`, or its
 * whole request within `requestTimeoutMs`, gets a JSON 408 and the connection closes. Malformed
 * requests and oversized headers, which Node rejects before the app sees them, get a JSON 400 or
 * 431 in the API's error shape rather than Node's bodiless default.
 * @throws PlanAssistantError LISTEN_FAILED when the port is taken or not allowed, saying what to change.
 */
export async function startWebServer(app: Hono, listen: WebServerOptions): Promise<StartedWebServer> {
  const timeouts = { ...pick(DEFAULT_WEB_LIMITS), ...definedOf(listen.limits ?? {}) };
  const server = createAdaptorServer({
    fetch: app.fetch,
    serverOptions: {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      connectionsCheckingInterval: checkingInterval(timeouts.headersTimeoutMs),
    },
  }) as Server;
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    // As Node's default handler: answer only if no response of this connection has started.
    const response = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (error.code !== "ECONNRESET" && socket.writable && !response?.headersSent) socket.write(clientErrorResponse(error.code, timeouts));
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const where = `${listen.host}:${listen.port}`;
      const hint =
        error.code === "EADDRINUSE"
          ? `${where} is already in use: stop the other server or set PORT to a free port (e.g. PORT=3001).`
          : error.code === "EACCES"
            ? `${where} needs privileges this process lacks: set PORT above 1023.`
            : error.code === "EADDRNOTAVAIL"
              ? `${listen.host} is not an address of this machine: set HOST to one (127.0.0.1, or 0.0.0.0 for every interface).`
              : `cannot listen on ${where}: ${error.message}. Check HOST and PORT.`;
      reject(new PlanAssistantError("LISTEN_FAILED", hint, { cause: error }));
    });
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;
  let stopped: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    connections() {
      return new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return stopped;
    },
  };
}

function pick(limits: WebLimits): Pick<WebLimits, "headersTimeoutMs" | "requestTimeoutMs"> {
  return { headersTimeoutMs: limits.headersTimeoutMs, requestTimeoutMs: limits.requestTimeoutMs };
}

/** The entries of `values` that are set (so an undefined option keeps its default). */
function definedOf<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
