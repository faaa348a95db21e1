import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmbeddedStore } from "./embedded-store.js";
import { describePlanStoreContract } from "./plan-store.contract.js";

describePlanStoreContract("embedded index files", async (seedsDir) => {
  const indexDir = mkdtempSync(join(tmpdir(), "plan-index-"));
  const open = async () => createEmbeddedStore({ seedsDir, indexDir });
  return { store: await open(), reopen: open, dispose: async () => undefined };
});
