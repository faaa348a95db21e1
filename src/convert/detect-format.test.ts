import { describe, expect, it } from "vitest";
import { PlanAssistantError } from "../errors.js";
import { detectFormat, formatOfExtension, unreadFormatReason } from "./detect-format.js";

const bytes = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

describe("detectFormat", () => {
  it.each([
    ["%PDF-1.7\n…", "plan.pdf", "pdf"],
    ["\n\n%PDF-1.4 after junk", "plan.pdf", "pdf"],
    ["PK\u0003\u0004rest", "plan.docx", "docx"],
    ["<!DOCTYPE html><html>", "plan.html", "html"],
    ["\uFEFF  <html lang=zh>", "plan.htm", "html"],
    ["<?xml version='1.0'?>\n<!-- saved -->\n<html xmlns='http://www.w3.org/1999/xhtml'>", "plan.xhtml", "html"],
    ["<meta charset=gbk><div>fragment</div>", "plan.html", "html"],
    ["第一章 总则", "plan.txt", "text"],
    ["# 第一章", "plan.md", "markdown"],
    ["<规划> 全文", "plan.txt", "text"],
  ])("reads %j named %s as %s, with no warning", (content, name, format) => {
    expect(detectFormat(bytes(content), name)).toEqual({ format, claimed: format, warnings: [] });
  });

  it("reads a UTF-16 web page by its BOM", () => {
    const page = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<!doctype html><p>规划</p>", "utf16le")]);
    expect(detectFormat(page, "plan.html").format).toBe("html");
  });

  it("converts by content when the extension lies, and says so", () => {
    expect(detectFormat(bytes("PK\u0003\u0004"), "plan.pdf")).toEqual({
      format: "docx",
      claimed: "pdf",
      warnings: ["plan.pdf holds a Word .docx file, not a PDF: converted by its content; rename it to plan.docx."],
    });
    expect(detectFormat(bytes("<html><body>"), "plan.txt").warnings).toEqual(["plan.txt holds a web page (HTML), not plain text: converted by its content; rename it to plan.html."]);
    expect(detectFormat(bytes("第一章"), "plan.docx")).toMatchObject({ format: "text", claimed: "docx" });
    expect(detectFormat(bytes("第一章"), "notes")).toEqual({ format: "text", claimed: null, warnings: [] });
    expect(detectFormat(bytes("PK"), "cut.docx").format).toBe("docx"); // a zip cut after its first bytes
    expect(detectFormat(bytes("PKU 计划"), "notes.txt").format).toBe("text");
    expect(detectFormat(bytes("规划说明：附件为 %PDF-1.7 文件"), "notes.txt").format).toBe("text");
  });

  it.each([
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0], "old.doc", "old.doc is a legacy Office file (.doc, .wps, .xls), not a plan file this assistant reads: open it in Word or WPS and save it as .docx."],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], "plan.pdf", "plan.pdf is a PNG image, not a plan file this assistant reads: get the plan as .docx, .pdf with text, .html or .txt."],
    [[0x1f, 0x8b, 8, 0], "plan.docx", "plan.docx is a gzip archive, not a plan file this assistant reads: unpack it and put the plan file itself in SEEDS_DIR."],
  ])("rejects known non-plan content %#", (content, name, message) => {
    let error: unknown;
    try {
      detectFormat(Uint8Array.from(content), name);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlanAssistantError);
    expect((error as PlanAssistantError).code).toBe("SEED_FORMAT_UNSUPPORTED");
    expect((error as PlanAssistantError).message).toBe(message);
  });
});

describe("formatOfExtension", () => {
  it("reads the extension case-insensitively, from any path", () => {
    expect(formatOfExtension("county/PLAN.DOCX")).toBe("docx");
    expect(formatOfExtension("county\\plan.HTM")).toBe("html");
    expect(formatOfExtension("plan.ofd")).toBeNull();
    expect(formatOfExtension("README")).toBeNull();
  });

  it("names formats plans come in but that are not read, with the fix", () => {
    expect(unreadFormatReason("county/plan.WPS")).toBe("county/plan.WPS is a .wps file, which this assistant does not read: open it in WPS and save it as .docx.");
    expect(unreadFormatReason("plan.docx")).toBeNull();
    expect(unreadFormatReason("logo.svg")).toBeNull();
  });
});
