import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishVersion, readCurrentVersion } from "./index-files.js";

/** A complete version directory (it has a manifest), as a finished build leaves it. */
function completeVersion(root: string, name: string): void {
  mkdirSync(join(root, name));
  writeFileSync(join(root, name, "manifest.json"), "{}");
}

describe("publishVersion", () => {
  it("keeps a version published a moment ago by another process, and removes it once it is old", async () => {
    const root = mkdtempSync(join(tmpdir(), "index-files-"));
    completeVersion(root, "v-first");
    await publishVersion(root, "v-first");
    // A second process found the index stale at the same time and publishes its own build.
    completeVersion(root, "v-second");
    await publishVersion(root, "v-second");
    expect(await readCurrentVersion(root)).toBe(join(root, "v-second"));
    // The first process may be loading v-first right now: it stays.
    expect(readdirSync(root).filter((name) => name.startsWith("v-")).sort()).toEqual(["v-first", "v-second"]);
    // Two minutes later, the next publish removes it.
    const old = new Date(Date.now() - 120_000);
    utimesSync(join(root, "v-first"), old, old);
    completeVersion(root, "v-third");
    await publishVersion(root, "v-third");
    expect(readdirSync(root).filter((name) => name.startsWith("v-")).sort()).toEqual(["v-second", "v-third"]);
  });
});
