// Callbacks are resolved against a stand-in origin and must stay on it.
const HOME = "https://pigeon.invalid";

/**
 * Where to go after signing in: `value` when it is a path on this site, else `fallback`.
 * The value is judged the way a browser reads it (the WHATWG URL parser: `/\evil.example`
 * means `//evil.example`, tabs and newlines vanish, dot segments collapse), and what is
 * returned is that reading, never the raw text.
 */
export function safeCallback(value: string | null | undefined, fallback = "/dashboard"): string {
  if (!value?.startsWith("/") || /\p{Cc}/u.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, HOME);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that collapses to `//host` would be read as another site's address.
  return url.origin === HOME && !path.startsWith("//") ? path : fallback;
}
