import { describe, expect, it } from "vitest";
import { LsqError } from "../src/errors.js";

describe("LsqError", () => {
  it("carries a code and a message, and is an Error", () => {
    const e = new LsqError("NON_FINITE", "b[2] must be a finite number, got NaN");
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(LsqError);
    expect(e.code).toBe("NON_FINITE");
    expect(e.name).toBe("LsqError");
    expect(e.message).toContain("b[2]");
  });

  it("instanceof holds for an error made by another copy of the class (ESM and CJS builds side by side)", () => {
    // A second copy of the class, as a separately loaded bundle would define it: only the registered brand is shared.
    class OtherCopy extends Error {
      constructor(message: string) {
        super(message);
        Object.defineProperty(this, Symbol.for("lsqkit.LsqError"), { value: true });
      }
    }
    expect(new OtherCopy("x")).toBeInstanceOf(LsqError);
    expect(new Error("plain")).not.toBeInstanceOf(LsqError);
    expect({ code: "NON_FINITE" }).not.toBeInstanceOf(LsqError);
    expect(null).not.toBeInstanceOf(LsqError);
  });

  it("the brand does not show up in enumeration or JSON", () => {
    const e = new LsqError("INVALID_ARGUMENT", "m");
    expect(Object.getOwnPropertyDescriptor(e, Symbol.for("lsqkit.LsqError"))?.enumerable).toBe(false);
    expect(JSON.parse(JSON.stringify(e))).toEqual({ name: "LsqError", code: "INVALID_ARGUMENT" });
  });
});
