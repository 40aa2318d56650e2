/**
 * Pseudonymisation: student_key, enrolment_id and mentorship_id are replaced
 * by HMAC-SHA-256 (hex) under a secret key, so the warehouse holds no source
 * identifier while references still join (the same id gives the same hash).
 * Each column kind has its own domain ("enrolment_id:" + value, …), so equal
 * values in different columns do not give equal hashes.
 *
 * The key: env MENTOR_HASH_KEY (at least 16 characters), else the key file
 * in env MENTOR_HASH_KEY_FILE or `.cache/hash.key` in the project (outside
 * git), created on first use from 32 random bytes with mode 600. Keep it:
 * a new key gives new hashes (the warehouse is rebuilt each run, so it only
 * matters when comparing warehouses or exports over time).
 *
 * The HMAC runs inside DuckDB, vectorised, built from its sha256():
 * HMAC(K, m) = SHA256((K ⊕ opad) ‖ SHA256((K ⊕ ipad) ‖ m)) (RFC 2104). It is
 * checked against Node's crypto.createHmac in the tests.
 */
import {createHash, createHmac, randomBytes} from "node:crypto";
import {chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync} from "node:fs";
import {dirname, join} from "node:path";
import {PROJECT_ROOT} from "../warehouse.ts";
import {fail} from "./errors.ts";

export const HASH_KEY_ENV = "MENTOR_HASH_KEY";
export const HASH_KEY_FILE_ENV = "MENTOR_HASH_KEY_FILE";
export const DEFAULT_KEY_FILE = join(PROJECT_ROOT, ".cache", "hash.key");

export interface HashKey {
  key: Buffer;
  /** Where it came from (env or the key file's path). */
  source: string;
}

export function loadHashKey(): HashKey {
  const env = process.env[HASH_KEY_ENV];
  if (env !== undefined && env !== "") {
    if (env.length < 16) {
      fail(
        "hash_key",
        null,
        `${HASH_KEY_ENV} er for kort (mindst 16 tegn).`,
        `${HASH_KEY_ENV} is too short (at least 16 characters).`
      );
    }
    return {key: Buffer.from(env, "utf8"), source: HASH_KEY_ENV};
  }
  const path = process.env[HASH_KEY_FILE_ENV] || DEFAULT_KEY_FILE;
  if (!existsSync(path)) {
    mkdirSync(dirname(path), {recursive: true});
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, randomBytes(32).toString("hex") + "\n");
      closeSync(fd);
      chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  let text = readFileSync(path, "utf8").trim();
  for (let i = 0; text === "" && i < 50; i++) {
    // another process has just created it and not yet written the key
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    text = readFileSync(path, "utf8").trim();
  }
  if (text.length < 16) {
    fail(
      "hash_key",
      path,
      "Nøglefilen er tom eller for kort. Slet den for at få en ny (det giver nye pseudonymer).",
      "The key file is empty or too short. Delete it to get a new one (that gives new pseudonyms)."
    );
  }
  return {key: Buffer.from(text, "utf8"), source: path};
}

/** A short public fingerprint of the key (to tell whether two warehouses' hashes are comparable). */
export function keyId(key: Buffer): string {
  return createHmac("sha256", key).update("mentor-key-id").digest("hex").slice(0, 12);
}

function pads(key: Buffer): {ipad: string; opad: string} {
  const k = Buffer.alloc(64);
  (key.length > 64 ? createHash("sha256").update(key).digest() : key).copy(k);
  return {
    ipad: Buffer.from(k.map((b) => b ^ 0x36)).toString("hex"),
    opad: Buffer.from(k.map((b) => b ^ 0x5c)).toString("hex")
  };
}

export type IdDomain = "student_key" | "enrolment_id" | "mentorship_id";

/** SQL: HMAC-SHA-256 hex of `domain:` + the text expression (NULL stays NULL). */
export function hmacSql(key: Buffer, domain: IdDomain, expr: string): string {
  const {ipad, opad} = pads(key);
  const prefix = Buffer.from(`${domain}:`, "utf8").toString("hex");
  return `sha256(unhex('${opad}') || unhex(sha256(unhex('${ipad}${prefix}') || encode(${expr}))))`;
}

/** Node's HMAC of the same (for tests and spot checks). */
export function hmacNode(key: Buffer, domain: IdDomain, value: string): string {
  return createHmac("sha256", key).update(`${domain}:${value}`).digest("hex");
}
