// The unprivileged accounts .ci/run creates for rootless tests.
import { execFileSync } from 'node:child_process';

/** Has a subordinate id range (/etc/subuid), used through newuidmap. */
export const ROOTLESS_USER = process.env.LEARN_ROOTLESS_USER ?? 'learn-rootless';
/** Has none: the mapping a machine without the uidmap package gives every user. */
export const ROOTLESS_PLAIN_USER = process.env.LEARN_ROOTLESS_PLAIN_USER ?? 'learn-nosub';

export function userExists(name: string): boolean {
  try {
    execFileSync('id', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
