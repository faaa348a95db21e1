import { describeError } from "../errors.js";

/**
 * Runs a command's main function and exits with its code; a thrown error prints its message
 * (which says how to fix it) to stderr and exits 1.
 */
export function runCommand(main: (argv: readonly string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${describeError(error)}\n`);
      process.exit(1);
    },
  );
}
