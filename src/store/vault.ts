import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * Keeps the BSN out of the database in clear: encrypted (AES-256-GCM) so that it can be shown to
 * someone entitled to it, and hashed with a key (HMAC-SHA256) so that a client can be found by BSN
 * without decrypting anything. A database dump alone reveals neither.
 */
export class BsnVault {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(masterKeyBase64: string) {
    const master = Buffer.from(masterKeyBase64, "base64");
    if (master.length !== 32) throw new Error("de BSN-sleutel moet 32 bytes zijn (base64)");
    this.encKey = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "wegwijzer bsn encrypt", 32));
    this.macKey = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "wegwijzer bsn lookup", 32));
  }

  static newKey(): string {
    return randomBytes(32).toString("base64");
  }

  lookupHash(bsn: string): string {
    return createHmac("sha256", this.macKey).update(bsn).digest("base64");
  }

  encrypt(bsn: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.encKey, iv);
    const body = Buffer.concat([cipher.update(bsn, "utf8"), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64")).join(".");
  }

  decrypt(sealed: string): string {
    const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64"));
    if (!iv || !tag || !body) throw new Error("onleesbaar versleuteld BSN");
    const decipher = createDecipheriv("aes-256-gcm", this.encKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  }
}
