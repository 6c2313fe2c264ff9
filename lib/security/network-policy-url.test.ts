import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkEndpointUrl, parseAllowedNetworks, type LookupAll } from "./network-policy";

const none = parseAllowedNetworks(undefined);

describe("checkEndpointUrl", () => {
  const table: Record<string, string[]> = {
    "hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    "mixed.example.com": ["93.184.216.34", "10.0.0.7"],
    localhost: ["::1", "127.0.0.1"],
    "metadata.example.com": ["169.254.169.254"],
  };
  const calls: string[] = [];
  const lookup: LookupAll = async (host) => {
    calls.push(host);
    const found = table[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const check = (url: string, options: { httpsOnly?: boolean; allow?: string } = {}) =>
    checkEndpointUrl(url, {
      httpsOnly: options.httpsOnly ?? false,
      allow: parseAllowedNetworks(options.allow),
      lookup,
    });

  async function rejection(promise: Promise<void>): Promise<AppError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation");
    return error as AppError;
  }

  it("accepts public http and https endpoints", async () => {
    await expect(check("https://hooks.example.com/webhooks?x=1")).resolves.toBeUndefined();
    await expect(check("http://hooks.example.com:8080/")).resolves.toBeUndefined();
    await expect(check("https://8.8.8.8/")).resolves.toBeUndefined();
    await expect(check("https://[2606:4700:4700::1111]/")).resolves.toBeUndefined();
  });

  it("rejects what is not an absolute http(s) URL", async () => {
    expect((await rejection(check("not a url"))).message).toBe('url: "not a url" is not a valid absolute URL');
    expect((await rejection(check("/relative"))).message).toMatch(/^url: .* is not a valid absolute URL$/);
    expect((await rejection(check("ftp://hooks.example.com/"))).message).toBe('url: must start with http:// or https:// (got "ftp:")');
    expect((await rejection(check("file:///etc/passwd"))).message).toMatch(/^url: must start with http/);
    expect((await rejection(check("javascript:alert(1)"))).message).toMatch(/^url: must start with http/);
  });

  it("rejects plain http when httpsOnly", async () => {
    expect((await rejection(check("http://hooks.example.com/", { httpsOnly: true }))).message).toBe(
      "url: must use https://; plain http is turned off on this server",
    );
    await expect(check("https://hooks.example.com/", { httpsOnly: true })).resolves.toBeUndefined();
  });

  it("rejects credentials in the URL", async () => {
    for (const credentials of ["user:pass", "user", ":pw"]) {
      const url = `https://${credentials}@hooks.example.com/`;
      expect((await rejection(check(url))).message, url).toMatch(/^url: must not contain a username or password/);
    }
  });

  it("rejects hosts that do not resolve", async () => {
    expect((await rejection(check("https://nowhere.invalid/"))).message).toBe('url: host "nowhere.invalid" could not be resolved');
    const empty: LookupAll = async () => [];
    const options = { httpsOnly: false, allow: none, lookup: empty };
    const error = await rejection(checkEndpointUrl("https://x.test/", options));
    expect(error.message).toBe('url: host "x.test" could not be resolved');
  });

  it("names the address and its range for literal hosts, without DNS", async () => {
    calls.length = 0;
    expect((await rejection(check("http://10.0.0.1/"))).message).toBe(
      'url: "http://10.0.0.1/" is not allowed: 10.0.0.1 is a private address; endpoints must be reachable on the public internet',
    );
    expect((await rejection(check("http://[::1]:3000/hook"))).message).toBe(
      'url: "http://[::1]:3000/hook" is not allowed: ::1 is a loopback address; endpoints must be reachable on the public internet',
    );
    expect((await rejection(check("http://169.254.169.254/latest/meta-data/"))).message).toMatch(
      /169\.254\.169\.254 is a link-local address \(the cloud metadata service\);/,
    );
    expect((await rejection(check("http://[::ffff:10.0.0.1]/"))).message).toMatch(
      /::ffff:a00:1 is a private address \(10\.0\.0\.1 inside an IPv4-mapped IPv6 address\)/,
    );
    expect(calls).toEqual([]);
  });

  it("sees through the URL parser's alternative IPv4 spellings", async () => {
    for (const url of ["http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/", "http://127.1/"]) {
      expect((await rejection(check(url))).message, url).toMatch(/127\.0\.0\.1 is a loopback address/);
    }
  });

  it("refuses a host name that reaches a blocked address without saying what it resolved to", async () => {
    for (const url of ["https://mixed.example.com/", "http://localhost:8080/", "http://metadata.example.com/"]) {
      const error = await rejection(check(url));
      expect(error.message, url).toBe(`url: "${url}" is not allowed: endpoints must be reachable on the public internet`);
      expect(error.message, url).not.toMatch(/10\.0\.0\.7|127\.0\.0\.1|::1|169\.254|private|loopback|link-local/);
    }
  });

  it("carries the field in its detail, as every validation error does", async () => {
    for (const url of ["not a url", "ftp://x.example/", "http://10.0.0.1/", "https://mixed.example.com/", "https://nowhere.invalid/"]) {
      const error = await rejection(check(url));
      expect(error.options.detail, url).toEqual([{ loc: ["body", "url"], msg: error.message.replace(/^url: /, ""), type: "value_error" }]);
    }
  });

  it("lets allow-listed addresses through", async () => {
    await expect(check("http://localhost:8080/", { allow: "127.0.0.0/8,::1/128" })).resolves.toBeUndefined();
    await expect(check("http://10.0.0.1/", { allow: "10.0.0.0/8" })).resolves.toBeUndefined();
    expect((await rejection(check("http://localhost:8080/", { allow: "127.0.0.0/8" }))).message).toMatch(/is not allowed/);
  });
});
