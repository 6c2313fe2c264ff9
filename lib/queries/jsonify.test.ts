import { describe, expectTypeOf, it } from "vitest";
import type { Jsonify } from "./jsonify";

// Checked by the type checker; at run time these are no-ops.
describe("Jsonify", () => {
  it("turns dates into strings at any depth and keeps everything else", () => {
    type Out = Jsonify<{
      at: Date;
      maybe: Date | null;
      list: readonly { when: Date }[];
      n: number;
      kind: "a" | "b";
      opt?: Date;
      json: Record<string, unknown>;
    }>;
    expectTypeOf<Out>().toEqualTypeOf<{
      at: string;
      maybe: string | null;
      list: { when: string }[];
      n: number;
      kind: "a" | "b";
      opt?: string;
      json: Record<string, unknown>;
    }>();
  });
});
