import { describe, expect, it } from "vitest";
import { lineOfPath, parseJsonWithLines } from "./json-locate";

const RULES = `{
  "weights": {
    "page_view": { "points": 2, "cap": 20 },
    "demo_request": {
      "points": 30,
      "cap": 30
    }
  },
  "titleKeywords": { "vice president": 15, "sr. manager": 5 },
  "list": [1, { "deep": true }]
}`;

describe("parseJsonWithLines", () => {
  it("reads the value as JSON.parse does and knows the line of every path", () => {
    const parsed = parseJsonWithLines(RULES);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value).toEqual(JSON.parse(RULES));
    expect(parsed.lines.get("")).toBe(1);
    expect(parsed.lines.get("weights.page_view")).toBe(3);
    expect(parsed.lines.get("weights.page_view.cap")).toBe(3);
    expect(parsed.lines.get("weights.demo_request.cap")).toBe(6);
    expect(parsed.lines.get("titleKeywords.vice president")).toBe(9);
    expect(parsed.lines.get("list.1.deep")).toBe(10);
  });

  it("names a syntax error's line and column and what it expected", () => {
    expect(parseJsonWithLines('{\n  "a": 1,\n  "b": 2,\n}')).toEqual({
      ok: false,
      message: "Expected another member after the comma (no trailing commas in JSON), found “}”",
      line: 4,
      column: 1,
    });
    expect(parseJsonWithLines('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ ok: false, line: 3, column: 3 });
    expect(parseJsonWithLines('{ "a": tru }')).toMatchObject({ ok: false, line: 1, column: 8 });
    expect(parseJsonWithLines('{ "a": "open\n}')).toMatchObject({ ok: false, line: 1, column: 13 });
    expect(parseJsonWithLines("")).toMatchObject({
      ok: false,
      message: expect.stringContaining("the end of the text"),
    });
    expect(parseJsonWithLines("{} {}")).toMatchObject({ ok: false, line: 1, column: 4 });
  });

  it("accepts what JSON accepts and refuses what it refuses", () => {
    const samples = [
      '"\\u00e9\\n"',
      "-0.5e+3",
      "[]",
      "{}",
      " null ",
      "01",
      "+1",
      "'x'",
      '{"a":1,}',
      "[1,]",
      "1.",
      '"\\x"',
    ];
    for (const sample of samples) {
      let valid = true;
      try {
        JSON.parse(sample);
      } catch {
        valid = false;
      }
      expect([sample, parseJsonWithLines(sample).ok]).toEqual([sample, valid]);
    }
  });
});

describe("lineOfPath", () => {
  const parsed = parseJsonWithLines(RULES);
  const lines = parsed.ok ? parsed.lines : new Map<string, number>();

  it("finds a path whose keys hold dots, and falls back to the nearest enclosing value", () => {
    expect(lineOfPath(lines, "titleKeywords.sr. manager")).toBe(9);
    expect(lineOfPath(lines, "weights.demo_request.points")).toBe(5);
    // Missing settings point at their parent; an unknown top-level one at the start.
    expect(lineOfPath(lines, "weights.page_view.missing")).toBe(3);
    expect(lineOfPath(lines, "decay.halfLifeDays")).toBe(1);
    expect(lineOfPath(lines, "rules")).toBe(1);
    expect(lineOfPath(new Map(), "rules")).toBeNull();
  });
});
