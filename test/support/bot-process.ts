import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/**
 * The real bot as `npm start` runs it (`node scripts/run.mjs src/main.ts`), in a child process with
 * only the environment given (no .env: ENV_FILE points nowhere), its output captured.
 */

export const REPO_ROOT = join(import.meta.dirname, "..", "..");

export interface BotProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the output once `pattern` appears on stdout or stderr; rejects after `timeoutMs` or when the process ends first. */
  waitForOutput(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (null when ended by a signal) and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (cleanup). */
  kill(): void;
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function startBotProcess(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["scripts/run.mjs", "src/main.ts"], {
    cwd: REPO_ROOT,
    // Only what is given (plus PATH/HOME): nothing from the test runner's environment leaks in.
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ENV_FILE: join(REPO_ROOT, "no-such-env-file"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const watchers = new Set<() => void>();
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const watcher of watchers) watcher();
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    for (const watcher of watchers) watcher();
  });
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("close", (code, signal) => {
      ended = true;
      for (const watcher of watchers) watcher();
      resolve({ code, signal });
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitForOutput(pattern, timeoutMs = 30_000) {
      const matches = () => (typeof pattern === "string" ? `${stdout}${stderr}`.includes(pattern) : pattern.test(`${stdout}${stderr}`));
      return new Promise<string>((resolve, reject) => {
        const done = (error?: Error) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (error) reject(error);
          else resolve(`${stdout}${stderr}`);
        };
        const check = () => {
          if (matches()) done();
          else if (ended) done(new Error(`the bot exited before printing ${String(pattern)}; output:\n${stdout}${stderr}`));
        };
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${String(pattern)}; output:\n${stdout}${stderr}`)), timeoutMs);
        watchers.add(check);
        check();
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
