import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";
import { PlanAssistantError } from "../errors.js";

export interface StartedWebServer {
  /** Where the server listens, e.g. http://127.0.0.1:3000/ (IPv6 hosts in brackets). */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and closes idle ones; resolves when the server is closed. */
  stop(): Promise<void>;
}

/**
 * Serves `app` on host:port with @hono/node-server. Port 0 picks a free port (tests).
 * @throws PlanAssistantError LISTEN_FAILED when the port is taken or not allowed, saying what to change.
 */
export async function startWebServer(app: Hono, listen: { readonly host: string; readonly port: number }): Promise<StartedWebServer> {
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
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
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      return stopped;
    },
  };
}
