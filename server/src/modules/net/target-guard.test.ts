import { describe, expect, it } from "vitest";
import { DomainError } from "../../errors.js";
import { assertPublicTargetOrThrow, guardedLookup, isPublicAddress, parseTargetUrl } from "./target-guard.js";

/** The server-side request forgery guard: which targets an outbound webhook may reach. */
describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.10",
    "169.254.169.254", // cloud metadata
    "100.64.0.1",
    "0.0.0.0",
    "255.255.255.255",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "64:ff9b::a00:1", // NAT64 of 10.0.0.1
    "2002:a00:1::", // 6to4 of 10.0.0.1
    "192.0.2.1", // documentation
    "198.51.100.7",
    "2001:db8::1",
    "not an address",
  ])("should refuse %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["8.8.8.8", "93.184.216.34", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "should allow the public address %s",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe("parseTargetUrl", () => {
  it.each([
    ["ftp://example.com/x", "must use http or https"],
    ["file:///etc/passwd", "must use http or https"],
    ["/relative", "must be an absolute http:// or https:// URL"],
    ["https://user:pass@example.com/", "must not carry a user name or password: our signature authenticates us"],
    [`https://example.com/${"a".repeat(2_100)}`, "must be at most 2048 characters"],
  ])("should refuse %s", (raw, problem) => {
    expect(parseTargetUrl(raw)).toEqual({ problem });
  });

  it("should accept http and https URLs", () => {
    expect("url" in parseTargetUrl("https://hooks.example.com/leadline?x=1")).toBe(true);
    expect("url" in parseTargetUrl("http://93.184.216.34:8080/in")).toBe(true);
  });
});

describe("assertPublicTargetOrThrow", () => {
  const reasonOf = async (raw: string) => {
    const parsed = parseTargetUrl(raw);
    if (!("url" in parsed)) throw new Error(parsed.problem);
    try {
      await assertPublicTargetOrThrow(parsed.url);
      return "allowed";
    } catch (error) {
      return error instanceof DomainError ? error.reason : String(error);
    }
  };

  it.each([
    "http://127.0.0.1:8080/hook",
    "http://[::1]/hook",
    "http://[::ffff:7f00:1]/hook",
    "http://2130706433/hook", // 127.0.0.1 as one number: the URL parser reads it as an address
    "http://127.1/hook",
    "http://0x7f.0.0.1/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://localhost:4000/hook", // a name: refused by what it resolves to
  ])("should refuse %s with WEBHOOK_TARGET_PRIVATE", async (raw) => {
    expect(await reasonOf(raw)).toBe("WEBHOOK_TARGET_PRIVATE");
  });

  it("should allow a public address without asking DNS", async () => {
    expect(await reasonOf("https://93.184.216.34/hook")).toBe("allowed");
  });
});

describe("guardedLookup", () => {
  const lookup = (host: string, all: boolean) =>
    new Promise<unknown>((resolve, reject) =>
      guardedLookup(host, { all }, (error, address) => (error ? reject(error) : resolve(address))),
    );

  it("should fail a connection to a name that resolves to a private address, whether Node asks for one or all", async () => {
    await expect(lookup("localhost", true)).rejects.toThrow(/localhost resolves to (127\.0\.0\.1|::1): refused/);
    await expect(lookup("localhost", false)).rejects.toThrow(/refused/);
  });
});
