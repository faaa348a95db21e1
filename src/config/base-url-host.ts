/** The host (and port) of a base URL, for identifiers and logs; never the path or credentials. */
export function baseUrlHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return "invalid-url";
  }
}
