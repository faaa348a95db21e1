import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";

export interface StartedWebServer {
  /** Where the server listens, e.g. http://127.0.0.1:3000/ (IPv6 hosts in brackets). */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and closes idle ones; resolves when the server is closed. */
  stop(): Promise<void>;
}

/**
 * Serves `app` on host:port with @hono/node-server. Port 0 picks a free port (tests).
 * @throws the listen error (EADDRINUSE, EACCES) as Node reports it.
 */
export async function startWebServer(app: Hono, listen: { readonly host: string; readonly port: number }): Promise<StartedWebServer> {
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => {
      server.off("error", reject);
      resolve();
    });
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
