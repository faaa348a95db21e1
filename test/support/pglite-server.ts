import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { AddressInfo, Server } from "node:net";

/** A real PostgreSQL (PGlite, with pgvector) served over a loopback socket, reached with the ordinary pg client. */
export interface RunningPglite {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  readonly port: number;
  /** Stops serving and closes the database (else the process lingers). */
  stop(): Promise<void>;
}

/**
 * Starts PGlite (in memory, or in `dataDir` to survive a restart) behind a socket server. The server
 * serialises queries; `maxConnections` is raised because pools (and PGVectorStore's held client) open several.
 */
export async function startPglite(options: { readonly dataDir?: string; readonly port?: number } = {}): Promise<RunningPglite> {
  const db = await PGlite.create({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), extensions: { vector } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0, maxConnections: 32 });
  await server.start();
  const port = options.port || ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
