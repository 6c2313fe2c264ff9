import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseListenArgs, UsageError } from "./options";

const token = "pgs_app_2Abc.ep_2Def.abcdefghijklmnopqrstuvwx";
const forward = ["--forward-to", "http://localhost:4000/webhooks"];

describe("parseListenArgs", () => {
  it("takes the server and token from the environment, and names the state file after the endpoint", () => {
    const options = parseListenArgs(["listen", ...forward], { PIGEON_SERVER: "https://pigeon.example.com", PIGEON_TOKEN: token });
    expect(options).toMatchObject({ appId: "app_2Abc", endpointId: "ep_2Def", consumer: "pigeon-listen", token });
    expect(options !== "help" && options.server.href).toBe("https://pigeon.example.com/");
    expect(options !== "help" && options.statePath).toBe(path.join(os.homedir(), ".pigeon", "listen-ep_2Def.json"));
  });

  it("prefers the flags, and keeps another consumer's state apart", () => {
    const options = parseListenArgs([...forward, "--server", "http://flag:3000", "--token", token, "--consumer", "ci.1"], { PIGEON_SERVER: "http://env" });
    expect(options !== "help" && [options.server.origin, options.statePath]).toEqual([
      "http://flag:3000",
      path.join(os.homedir(), ".pigeon", "listen-ep_2Def-ci.1.json"),
    ]);
  });

  it("refuses unknown flags, missing values and values it cannot use", () => {
    const env = { PIGEON_SERVER: "http://s", PIGEON_TOKEN: token };
    const mistake = (args: string[], e: Parameters<typeof parseListenArgs>[1] = env) => {
      try {
        parseListenArgs(args, e);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error(`${args.join(" ")} was accepted`);
    };
    expect(mistake([...forward, "--verbose"])).toBe("Unknown option '--verbose'");
    expect(mistake(["--forward-to"])).toContain("--forward-to");
    expect(mistake([])).toBe("--forward-to is required");
    expect(mistake(forward, { PIGEON_TOKEN: token })).toContain("--server");
    expect(mistake(forward, { PIGEON_SERVER: "http://s", PIGEON_TOKEN: "pgn_an_api_key" })).toContain("polling endpoint's token");
    expect(mistake(["--forward-to", "localhost:4000"])).toContain("http:// or https://");
    expect(mistake([...forward, "--consumer", "my laptop"])).toContain("--consumer");
    expect(mistake([...forward, "now"])).toBe('unexpected argument "now"');
  });
});
