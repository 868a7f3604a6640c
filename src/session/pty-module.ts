// The native terminal library: loaded by the sandbox's host ptys
// (src/sandbox/pty-module.ts); re-exported for the CLI and the doctor.
export { PTY_FIX, PTY_PACKAGE, PtyUnavailableError, ptyModule, ptyVersion, type IPty } from '../sandbox/pty-module.js';
