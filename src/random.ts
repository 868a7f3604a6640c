// Random bytes for names and nonces that must not collide or be guessed.
// Performance: read from the kernel's random source directly; node:crypto
// takes 3 to 7 ms to load at start-up, and learn needs nothing else of it
// on the way to the first step (docs/performance.md).
import { closeSync, openSync, readSync } from 'node:fs';

export function randomBytes(count: number): Buffer {
  const bytes = Buffer.alloc(count);
  const fd = openSync('/dev/urandom', 'r');
  try {
    let filled = 0;
    while (filled < count) filled += readSync(fd, bytes, filled, count - filled, null);
  } finally {
    closeSync(fd);
  }
  return bytes;
}
