// Reading the network of a sandbox: one shell script, run once inside it,
// that lists every network namespace (the sandbox's own, the named ones
// under /run/netns, those only processes hold) and dumps each with `ip -j`,
// `bridge -j` and `nft -j`. It only reads; the model is built elsewhere
// (model.ts) from the raw text this returns, so recordings can be replayed.
import type { Sandbox } from '../sandbox/sandbox.js';

/** Lines that start a section of the raw output. */
export const SECTION = '@@';

/** What one namespace dump runs; `$LEARN_TOPO_NS` names the namespace for the reader. */
const DUMP = `
echo "${SECTION}ns $LEARN_TOPO_NS"
echo "${SECTION}links"; ip -j -d addr show 2>/dev/null || echo '[]'
echo "${SECTION}routes4"; ip -j -4 route show table main 2>/dev/null || echo '[]'
echo "${SECTION}routes6"; ip -j -6 route show table main 2>/dev/null || echo '[]'
echo "${SECTION}nsids"; ip -j netns list-id 2>/dev/null || echo '[]'
echo "${SECTION}forward"; cat /proc/sys/net/ipv4/ip_forward 2>/dev/null
echo "${SECTION}fdb"; if ip -o link show type vxlan 2>/dev/null | grep -q .; then bridge -j fdb show 2>/dev/null; else echo '[]'; fi
echo "${SECTION}nft"; if command -v nft >/dev/null 2>&1; then nft -j list ruleset 2>/dev/null || echo '{}'; else echo '{}'; fi
echo "${SECTION}iptables"; if ! command -v nft >/dev/null 2>&1 && command -v iptables-save >/dev/null 2>&1; then iptables-save -t nat 2>/dev/null; fi
echo "${SECTION}end"
`;

/**
 * The whole script. Namespaces are told apart by the inode of their nsfs
 * file; a namespace only processes hold is entered through the lowest pid
 * that holds it. Nothing is created, moved or mounted.
 */
export const COLLECT_SCRIPT = `
export LC_ALL=C
DUMP='${DUMP.replace(/'/g, `'"'"'`)}'
echo "${SECTION}self $(stat -L -c %i /proc/self/ns/net)"
echo "${SECTION}named"; for f in /run/netns/*; do [ -e "$f" ] && stat -L -c '%i %n' "$f" 2>/dev/null; done
echo "${SECTION}procs"; stat -L -c '%i %n' /proc/[0-9]*/ns/net 2>/dev/null
echo "${SECTION}comms"; grep -H '' /proc/[0-9]*/comm 2>/dev/null
echo "${SECTION}tunfds"; grep -H '^iff:' /proc/[0-9]*/fdinfo/* 2>/dev/null
self=$(stat -L -c %i /proc/self/ns/net)
LEARN_TOPO_NS="self $self" /bin/sh -c "$DUMP"
seen=" $self "
for f in /run/netns/*; do
  [ -e "$f" ] || continue
  ino=$(stat -L -c %i "$f" 2>/dev/null) || continue
  case "$seen" in *" $ino "*) continue;; esac
  seen="$seen$ino "
  LEARN_TOPO_NS="named $ino \${f##*/}" nsenter --net="$f" /bin/sh -c "$DUMP" </dev/null
done
# Lowest pid first within each namespace, so the one named is always the same.
stat -L -c '%i %n' /proc/[0-9]*/ns/net 2>/dev/null | sed 's|^\\([0-9]*\\) /proc/\\([0-9]*\\)/ns/net$|\\1 \\2|' | sort -n -k1,1 -k2,2 |
while read -r ino pid; do
  case "$seen" in *" $ino "*) continue;; esac
  seen="$seen$ino "
  LEARN_TOPO_NS="process $ino $pid" nsenter --net="/proc/$pid/ns/net" /bin/sh -c "$DUMP" </dev/null 2>/dev/null
done
echo "${SECTION}done"
`;

export class TopologyError extends Error {}

/** Run the script in the sandbox; the raw text it printed. */
export async function collectRaw(sandbox: Pick<Sandbox, 'run'>): Promise<string> {
  const result = await sandbox.run(COLLECT_SCRIPT, 20_000);
  if (result.code !== 0 || !result.stdout.includes(`${SECTION}done`)) {
    throw new TopologyError(`cannot read the sandbox's network: ${result.stderr.trim() || `status ${result.code}`}`);
  }
  return result.stdout;
}
