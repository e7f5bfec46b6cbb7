import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The deployment's ADMIN_TOKEN, as the admin API and the console check it: compared in constant
 * time on SHA-256 digests (equal lengths, so the comparison leaks neither content nor length).
 */
export class AdminToken {
  private readonly digest: Buffer;

  constructor(token: string) {
    this.digest = sha256(token);
  }

  matches(candidate: unknown): boolean {
    return typeof candidate === 'string' && timingSafeEqual(sha256(candidate), this.digest);
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
