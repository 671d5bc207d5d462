import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("config", () => {
  it("defaults to the embedded database under .data on port 4000", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.database).toMatchObject({ kind: "pglite" });
    expect(config.seedDemo).toBe(true);
  });

  it("turns row-level security on for both databases unless ROW_SECURITY=off", () => {
    expect(loadConfig({}).database.rowSecurity).toBe(true);
    expect(loadConfig({ DATABASE_URL: "postgres://u@localhost:5432/db" }).database.rowSecurity).toBe(true);
    expect(loadConfig({ ROW_SECURITY: "off" }).database.rowSecurity).toBe(false);
    expect(
      loadConfig({ DATABASE_URL: "postgres://u@localhost:5432/db", ROW_SECURITY: "off" }).database.rowSecurity,
    ).toBe(false);
  });

  it("uses PostgreSQL when DATABASE_URL is set and never seeds it", () => {
    const config = loadConfig({ DATABASE_URL: "postgres://u@localhost:5432/db" });
    expect(config.database).toMatchObject({ kind: "postgres", url: "postgres://u@localhost:5432/db" });
    expect(config.seedDemo).toBe(false);
  });

  it("keeps uploads under the data folder unless UPLOAD_DIR says otherwise, in memory with a throwaway database", () => {
    expect(loadConfig({ DATA_DIR: "/srv/leadline" }).uploadDir).toBe("/srv/leadline/uploads");
    expect(loadConfig({ UPLOAD_DIR: "/mnt/files" }).uploadDir).toBe("/mnt/files");
    expect(loadConfig({ DATA_DIR: ":memory:" }).uploadDir).toBeNull();
    expect(() => loadConfig({ UPLOAD_DIR: " " })).toThrow(/UPLOAD_DIR/);
  });

  it("reports every bad variable by name", () => {
    expect(() => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x" })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x" });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL: must be a postgres/);
    }
  });
});
