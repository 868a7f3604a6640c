// Keeps network namespaces that processes inside a sandbox made (the
// requirement probe's throwaway one) alive until the sandbox closes, held
// from outside: an open /proc/PID/ns/net in learn's own process, so the
// lesson sees no new process, mount or file. The kernel tears a namespace
// down in the background once its last reference goes, holding the rtnl
// lock meanwhile; held, that work comes after the lesson instead of slowing
// its first `ip` commands (docs/performance.md).
import { closeSync, fstatSync, openSync } from 'node:fs';
import { descendantsOf, namespaceId } from './proc-tree.js';

/**
 * The line a script run with `keepNetworkNamespace` prints from the process
 * whose network namespace is to be kept; it then reads its stdin, which is
 * closed once the namespace is held (or could not be).
 */
export const KEEP_NETNS_LINE = 'learn-keep-netns';

export class NetnsKeeper {
  private readonly fds: number[] = [];
  private closed = false;

  /** `initPid`: the sandbox's PID 1, whose namespaces are the sandbox's. */
  constructor(private readonly initPid: number) {}

  /**
   * Keep the network namespace, other than the sandbox's, that the
   * descendants of `pid` in the sandbox's user namespace are in. Returns
   * false, keeping nothing, unless there is exactly one such namespace (or
   * when the sandbox has closed); the caller then goes on as without it.
   */
  keepUnder(pid: number): boolean {
    if (this.closed) return false;
    try {
      const sandboxNet = namespaceId(this.initPid, 'net');
      const sandboxUser = namespaceId(this.initPid, 'user');
      const found = new Map<string, number>();
      for (const descendant of descendantsOf(pid)) {
        const ids = namespacesOf(descendant);
        if (ids && ids.user === sandboxUser && ids.net !== sandboxNet) found.set(ids.net, descendant);
      }
      const [only] = found;
      if (found.size !== 1 || !only) return false;
      return this.hold(only[1], only[0]);
    } catch {
      return false;
    }
  }

  /** How many namespaces are held now. */
  get held(): number {
    return this.fds.length;
  }

  /** Let every held namespace go. Idempotent; nothing is kept after it. */
  close(): void {
    this.closed = true;
    for (const fd of this.fds.splice(0)) closeSync(fd);
  }

  private hold(pid: number, id: string): boolean {
    const fd = openSync(`/proc/${pid}/ns/net`, 'r');
    // The pid may have been reused between the look and the open.
    const st = fstatSync(fd);
    if (`${st.dev}:${st.ino}` !== id) {
      closeSync(fd);
      return false;
    }
    this.fds.push(fd);
    return true;
  }
}

function namespacesOf(pid: number): { net: string; user: string } | undefined {
  try {
    return { net: namespaceId(pid, 'net'), user: namespaceId(pid, 'user') };
  } catch {
    return undefined; // gone meanwhile
  }
}
