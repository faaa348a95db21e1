/**
 * Writes the seed plan as the files staff really get, for the format tests: a Word file (built with
 * `docx`) and the PDF LibreOffice prints from it (`soffice --headless --convert-to pdf`, from Debian's
 * libreoffice-writer-nogui with fonts-wqy-zenhei). The outputs are committed under
 * test/fixtures/seed-formats/, so `npm test` needs no LibreOffice.
 *
 *   npx tsx scripts/make-seed-formats.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedDocx } from "../test/support/seed-documents.js";

const root = join(import.meta.dirname, "..");
const seedText = readFileSync(join(root, "seeds", "liangping-education-plan-2021-2025.txt"), "utf8");
const out = join(root, "test", "fixtures", "seed-formats");
const work = mkdtempSync(join(tmpdir(), "seed-formats-"));
const docx = join(work, "liangping-education-plan-2021-2025.docx");
writeFileSync(docx, await seedDocx(seedText));
execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", work, docx], { stdio: "inherit" });
renameSync(join(work, "liangping-education-plan-2021-2025.pdf"), join(out, "liangping-education-plan-2021-2025.pdf"));
process.stdout.write(`wrote ${join(out, "liangping-education-plan-2021-2025.pdf")}\n`);
