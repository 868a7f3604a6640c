// Every command that makes sandboxes starts here: how this machine lets us,
// or a message saying what to do (the caller exits with code 3). The
// terminal library is loaded here too: without it no lesson can run.
import { detectPrivilege, type Privilege } from '../sandbox/privilege.js';
import { ptyModule } from '../session/pty-module.js';

export type UsablePrivilege = Exclude<Privilege, { mode: 'unavailable' }>;

/** The privilege to build sandboxes with; undefined after telling the user why there is none. */
export function sandboxPrivilege(): UsablePrivilege | undefined {
  const privilege = detectPrivilege();
  if (privilege.mode !== 'unavailable') {
    ptyModule(); // throws PtyUnavailableError, which main reports with the fix (exit 3)
    return privilege;
  }
  process.stderr.write(`learn: cannot create sandboxes: ${privilege.problem}\n  what to do: ${privilege.remedy}\n`);
  return undefined;
}
