import { describe, expect, it } from "vitest";
import { applyServerErrors, fieldMessage, splitFieldMessages } from "./errors";

describe("server errors on forms", () => {
  it("splits a message per field, keeping a '; ' inside one field's message", () => {
    const refused =
      'url: "http://169.254.169.254/" is not allowed: 169.254.169.254 is a link-local address; endpoints must be reachable on the public internet';
    expect(splitFieldMessages(refused)).toEqual([
      {
        field: "url",
        message: '"http://169.254.169.254/" is not allowed: 169.254.169.254 is a link-local address; endpoints must be reachable on the public internet',
      },
    ]);
    expect(splitFieldMessages("uid: must not be empty; channels.0: may only contain letters")).toEqual([
      { field: "uid", message: "must not be empty" },
      { field: "channels.0", message: "may only contain letters" },
    ]);
    expect(splitFieldMessages('An endpoint with uid "a" already exists')).toEqual([{ field: null, message: 'An endpoint with uid "a" already exists' }]);
  });

  it("puts known fields under their inputs and returns the rest", () => {
    const set: [string, string][] = [];
    const rest = applyServerErrors("url: is required; metadata.x: too long", ["url", "channels"], (name, error) => set.push([name, error.message!]));
    expect(set).toEqual([["url", "is required"]]);
    expect(rest).toBe("metadata.x: too long");
  });

  it("puts a nested field's message under that field when the form has it, else under its parent", () => {
    const set: [string, string][] = [];
    const rest = applyServerErrors("batch.maxSize: must be at most 1000; batch.maxWaitMs: must not be negative", ["batch", "batch.maxSize"], (name, error) =>
      set.push([name, error.message!]),
    );
    expect(set).toEqual([
      ["batch.maxSize", "must be at most 1000"],
      ["batch", "must not be negative"],
    ]);
    expect(rest).toBeNull();
  });

  it("reads a schema's message after the field's name", () => {
    expect(fieldMessage("Name", "is required")).toBe("Name is required");
    expect(fieldMessage("Example payload", "Not valid JSON: Unexpected end")).toBe("Not valid JSON: Unexpected end");
    expect(fieldMessage("Name", undefined)).toBeUndefined();
    expect(fieldMessage("Email", "must be a valid email address")).toBe("Enter a valid email address");
  });
});
