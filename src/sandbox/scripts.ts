// The shell scripts that build a sandbox. Kept as text so that a reader can
// see every mount in one place. Positional arguments, never interpolation.
import { CLOSE_INHERITED_FDS } from '../session/rcfile.js';

/**
 * Stage 1, root mode only: real root in a private mount namespace of the
 * host's user namespace. Prepares what the sandbox's unprivileged root could
 * not: a /dev/net/tun node it owns, and /run with the lesson folder bound in.
 * Then enters the prepared user namespace and starts the sandbox proper.
 *   $1 host uid of sandbox root  $2 host gid  $3 lesson folder  $4 pid holding the user namespace
 *   $5... the command that starts the sandbox (unshare ...)
 */
export const STAGE1_ROOT = String.raw`set -e
uid=$1 gid=$2 lesson=$3 holder=$4
shift 4
if [ -d /dev/net ]; then
  mount -t tmpfs -o mode=755,size=64k tmpfs /dev/net
  mknod -m 600 /dev/net/tun c 10 200
  chown "$uid:$gid" /dev/net/tun
fi
mount -t tmpfs -o "mode=755,uid=$uid,gid=$gid" tmpfs /run
mkdir -p /run/learn/lesson
chown "$uid:$gid" /run/learn
mount --bind "$lesson" /run/learn/lesson
mount -o remount,bind,ro /run/learn/lesson
exec nsenter -t "$holder" -U -- "$@"
`;

/**
 * The sandbox's PID 1, root inside its own user, network, mount, PID, UTS and
 * IPC namespaces. Makes private /tmp and /root, brings up lo, says ready,
 * then waits on stdin: when learn goes away (even SIGKILLed) stdin closes,
 * PID 1 exits and the kernel kills everything else in the sandbox.
 * Env: LEARN_RC_TEXT (rc of lesson terminals), LEARN_MOUNT_RUN (rootless:
 * make /run here), LEARN_LESSON_SRC (rootless: lesson folder), LEARN_HOSTNAME.
 */
export const SANDBOX_INIT = String.raw`set -e
${CLOSE_INHERITED_FDS}
if [ -n "$LEARN_MOUNT_RUN" ]; then
  mount -t tmpfs -o mode=755 tmpfs /run
  mkdir -p /run/learn/lesson
  mount --bind "$LEARN_LESSON_SRC" /run/learn/lesson
  mount -o remount,bind,ro /run/learn/lesson 2>/dev/null || true
fi
printf '%s' "$LEARN_RC_TEXT" > /run/learn/bashrc
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=700 tmpfs /root
mount -t sysfs sysfs /sys 2>/dev/null || true
hostname "$LEARN_HOSTNAME"
ip link set lo up
unset LEARN_RC_TEXT LEARN_MOUNT_RUN LEARN_LESSON_SRC LEARN_HOSTNAME
cd /root
set +e
trap '' INT TERM HUP
echo learn-sandbox-ready
while read -r _; do :; done
`;
