/**
 * The line between two pages of a converted PDF: a form feed alone on its line. Text parsers that know no
 * pages read it as a blank line (`"\f".trim() === ""`); page-number lines stay in the text for the parser to drop.
 */
export const PAGE_BREAK = "\f";
