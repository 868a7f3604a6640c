// The terminal a lesson shell runs on, as session/ sees it: the interface
// every sandbox kind provides, and the host pty for shells on the host.
export type { TerminalProcess as PtyProcess } from '../sandbox/kind.js';
export { spawnPty, type PtySpawnOptions } from '../sandbox/host-pty.js';
