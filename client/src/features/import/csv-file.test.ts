import { describe, expect, it } from "vitest";
import { countRows, percentOf, RowCounter, readSample, SAMPLE_BYTES } from "./csv-file";
import { fileNameOf } from "./import-api";

describe("countRows", () => {
  it("should count records below the header, not lines: quoted line breaks, empty lines and CRLF", async () => {
    const csv = 'name,notes\r\nAda,"two\r\nlines"\r\n\r\nGrace,"a ""quoted"" word"\r\nLinus,last';
    expect(await countRows(new Blob([csv]))).toBe(3);
    expect(await countRows(new Blob(["\uFEFFname,email\n"]))).toBe(0);
    expect(await countRows(new Blob([""]))).toBe(0);
  });

  it("should count the same across any split into chunks", () => {
    const csv = 'a,b\n1,"x\ny"\n2,z\n\n3,w\n';
    for (let cut = 0; cut <= csv.length; cut++) {
      const counter = new RowCounter();
      counter.add(csv.slice(0, cut));
      counter.add(csv.slice(cut));
      expect(counter.finish()).toBe(3);
    }
  });
});

describe("readSample", () => {
  it("should send a small file whole and cut a large one after its last whole line", async () => {
    expect(await readSample(new Blob(["name,email\nAda,ada@example.com"]))).toBe("name,email\nAda,ada@example.com");
    const row = "Somebody,somebody@example.com\n";
    const big = `name,email\n${row.repeat(Math.ceil((SAMPLE_BYTES * 2) / row.length))}`;
    const sample = await readSample(new Blob([big]));
    expect(sample.length).toBeLessThanOrEqual(SAMPLE_BYTES);
    expect(sample.endsWith("\n")).toBe(true);
    expect(sample.startsWith("name,email\n")).toBe(true);
  });
});

describe("percentOf", () => {
  it("should stay below 100 until the import ends, and at 0 without an estimate", () => {
    expect(percentOf(0, 5_000, false)).toBe(0);
    expect(percentOf(2_500, 5_000, false)).toBe(50);
    expect(percentOf(5_000, 5_000, false)).toBe(99);
    expect(percentOf(5_010, 5_000, false)).toBe(99);
    expect(percentOf(5_000, 5_000, true)).toBe(100);
    expect(percentOf(10, null, false)).toBe(0);
  });
});

describe("fileNameOf", () => {
  it("should read the name Express's attachment() writes, plain, quoted or encoded", () => {
    expect(fileNameOf("attachment; filename=fair-leads-errors.csv")).toBe("fair-leads-errors.csv");
    expect(fileNameOf('attachment; filename="Fair list-errors.csv"')).toBe("Fair list-errors.csv");
    expect(fileNameOf(`attachment; filename="Foire-errors.csv"; filename*=UTF-8''Foir%C3%A9-errors.csv`)).toBe(
      "Foiré-errors.csv",
    );
    expect(fileNameOf("attachment")).toBeNull();
  });
});
