/** A list parameter given repeated (`?a=x&a=y`) or comma-separated (`?a=x,y`, as the SDKs send it). */
export function listParam(url: URL, name: string): string[] | undefined {
  if (!url.searchParams.has(name)) return undefined;
  return url.searchParams
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}
