// The shell scripts that build a sandbox. Kept as text so that a reader can
// see every mount in one place. Positional arguments, never interpolation.
import { CLOSE_INHERITED_FDS } from './kind.js';

/**
 * mount(2)'s system call number, by Node's name of the processor architecture:
 * what lets the lock-down below run in one perl process instead of some 25
 * `mount` processes (docs/performance.md). Architectures not listed take the
 * shell's way.
 */
export const MOUNT_SYSCALL: Partial<Record<NodeJS.Architecture, number>> = {
  x64: 165, ia32: 21, arm: 21, arm64: 40, riscv64: 40, loong64: 40, ppc64: 21, s390x: 21,
};

/** The environment that lets a stage run LOCK_DOWN_HOST in one process. */
export function lockDownEnv(arch: NodeJS.Architecture = process.arch): Record<string, string> {
  const nr = MOUNT_SYSCALL[arch];
  return nr === undefined ? {} : { LEARN_SYS_MOUNT: String(nr) };
}

/**
 * LOCK_DOWN_HOST in perl, in one process: the same mounts in the same order
 * with the same flags (test/sandbox/lock-down.test.ts compares the two mount
 * tables). perl-base is essential on Debian and Ubuntu; elsewhere, without
 * perl, the shell's version runs. Any failure stops stage 1 with the mount
 * point and the system's reason. No single quote in here: it is quoted so.
 *   $ARGV: uid gid lesson-folder; env LEARN_SYS_MOUNT, LEARN_BINDS.
 */
export const LOCK_DOWN_PERL = String.raw`use strict;
my ($uid, $gid, $lesson) = @ARGV;
my $nr = $ENV{LEARN_SYS_MOUNT};
my %keep = (nosuid => 2, nodev => 4, noexec => 8, noatime => 1024, nodiratime => 2048, relatime => 1 << 21, strictatime => 1 << 24);
my ($RDONLY, $REMOUNT, $BIND, $NULL) = (1, 32, 4096, 0);
# syscall() passes a string as a pointer and wants it writable: copies, never literals.
sub mnt {
  my ($source, $target, $type, $flags, $data) = @_;
  syscall($nr, $source, $target, $type, $flags, $data) == 0 or die "learn-stage1: mount $target: $!
";
}
sub tmpfs { my ($dir, $opts) = @_; mnt(my $s = "tmpfs", my $t = $dir, my $y = "tmpfs", 0, my $o = $opts) }
sub bind_ro {
  my ($from, $to) = @_;
  mnt(my $s = $from, my $t = $to, $NULL, $BIND, $NULL);
  mnt(my $s2 = $to, my $t2 = $to, $NULL, $REMOUNT | $BIND | $RDONLY, $NULL);
}
sub mkdir_p {
  my $path = "";
  for (grep { length } split m{/}, shift) { $path .= "/$_"; -d $path or mkdir $path or die "learn-stage1: mkdir $path: $!
" }
}
open(my $info, "<", "/proc/self/mountinfo") or die "learn-stage1: /proc/self/mountinfo: $!
";
my @points;
while (<$info>) {
  my @field = split / /;
  (my $mp = $field[4]) =~ s/\\([0-7]{3})/chr(oct($1))/ge;
  next if $mp =~ m{^/proc(/|$)} || $mp eq "/sys" || $mp eq "/dev" || $mp eq "/dev/pts";
  my $flags = $REMOUNT | $BIND | $RDONLY;
  $flags |= $keep{$_} // 0 for split /,/, $field[5];
  push @points, [$mp, $flags];
}
close $info;
mnt(my $s = $_->[0], my $t = $_->[0], $NULL, $_->[1], $NULL) for @points;
my $owner = $uid eq "" ? "" : ",uid=$uid,gid=$gid";
chdir $lesson or die "learn-stage1: $lesson: $!
";
tmpfs("/run", "mode=755$owner");
for (split /
/, $ENV{LEARN_BINDS} // "") {
  my ($name, $src) = split / /, $_, 2;
  next unless length $name;
  mkdir_p("/run/learn/$name");
  bind_ro($src, "/run/learn/$name");
}
tmpfs("/tmp", "mode=1777$owner");
tmpfs("/root", "mode=700$owner");
-d $_ and tmpfs($_, "mode=1777$owner") for "/var/tmp", "/dev/shm";
-d "/dev/mqueue" and tmpfs("/dev/mqueue", "mode=755,size=4k");
mkdir_p("/run/learn/lesson");
bind_ro(".", "/run/learn/lesson");
`;

/** LOCK_DOWN_HOST as the shell does it, one `mount` process a mount. */
export const LOCK_DOWN_SHELL = String.raw`owner=\${1:+,uid=$1,gid=$2}
awk '{
  mp = $5; gsub(/\\040/, " ", mp); gsub(/\\011/, "\t", mp); gsub(/\\134/, "\\", mp)
  if (mp ~ /^\/proc(\/|$)/ || mp == "/sys" || mp == "/dev" || mp == "/dev/pts") next
  opts = "remount,bind,ro"; n = split($6, f, ",")
  for (i = 1; i <= n; i++) if (f[i] ~ /^(nosuid|nodev|noexec|noatime|nodiratime|relatime|strictatime)$/) opts = opts "," f[i]
  print opts "\t" mp
}' /proc/self/mountinfo | while IFS='	' read -r opts mp; do
  mount -o "$opts" "$mp" "$mp" 2>/dev/null || mount -o "$opts" "$mp"
done
cd "$3"
mount -t tmpfs -o "mode=755$owner" tmpfs /run
printf '%s\n' "$LEARN_BINDS" | while read -r name src; do
  [ -n "$name" ] || continue
  mkdir -p "/run/learn/$name"
  mount --no-canonicalize --bind "$src" "/run/learn/$name"
  mount -o remount,bind,ro "/run/learn/$name"
done
mount -t tmpfs -o "mode=1777$owner" tmpfs /tmp
mount -t tmpfs -o "mode=700$owner" tmpfs /root
[ ! -d /var/tmp ] || mount -t tmpfs -o "mode=1777$owner" tmpfs /var/tmp
[ ! -d /dev/shm ] || mount -t tmpfs -o "mode=1777$owner" tmpfs /dev/shm
[ ! -d /dev/mqueue ] || mount -t tmpfs -o mode=755,size=4k tmpfs /dev/mqueue
mkdir -p /run/learn/lesson
mount --no-canonicalize --bind . /run/learn/lesson
mount -o remount,bind,ro /run/learn/lesson
cd /`.replaceAll('\\$', '$');

/**
 * What makes the host's files unreachable for writing, run by a stage that is
 * more privileged than the sandbox (host root, or the rootless outer user
 * namespace). Every mount made here is copied into the sandbox's own mount
 * namespace, which belongs to a less privileged user namespace, so the kernel
 * locks them there: the lesson cannot unmount them to uncover what lies
 * beneath, nor make a read-only one writable (mount_namespaces(7)).
 *   - every mount read-only (a per-mount flag of this namespace only; the
 *     flags the kernel locked on it, nosuid, nodev, noexec, atime, are kept),
 *     but for /proc, /dev, /dev/pts and /sys itself (the sandbox mounts a
 *     sysfs of its own network namespace, which the kernel allows only
 *     beside a writable one: mount_too_revealing);
 *   - private tmpfs on the places a lesson may write: /run, /tmp, /var/tmp,
 *     /dev/shm, /root, owned by the sandbox's root ($1:$2, empty: ours);
 *     /dev/mqueue, which shows the host's message queues, is covered;
 *   - the lesson folder ($3) bound read-only at /run/learn/lesson, found
 *     through the working directory, since a tmpfs may now cover its path;
 *   - the folders of LEARN_BINDS (lines of "NAME PATH") bound read-only at
 *     /run/learn/NAME, right after /run is made and before the other tmpfs
 *     mounts could cover their paths.
 * In one perl process when it can (LOCK_DOWN_PERL), else in the shell.
 */
export const LOCK_DOWN_HOST = `if [ -n "\${LEARN_SYS_MOUNT-}" ] && command -v perl >/dev/null 2>&1; then
  perl -e '${LOCK_DOWN_PERL}' -- "$1" "$2" "$3"
else
${LOCK_DOWN_SHELL}
fi`;

/**
 * Stage 1, root mode: real root in a private mount and PID namespace of the
 * host's user namespace (its own /proc covers the host's). Locks the host
 * down (above), prepares what the sandbox's unprivileged root could not (a
 * /dev/net/tun node it owns, the lesson folder bound read-only), then enters
 * the prepared user namespace and starts the sandbox proper.
 *   $1 host uid of sandbox root  $2 host gid  $3 lesson folder  fd 3 the user namespace
 *   $4... the command that starts the sandbox (unshare ...)
 */
export const STAGE1_ROOT = String.raw`set -e
uid=$1 gid=$2
${LOCK_DOWN_HOST}
# Performance: one chown for both (each process here is about a millisecond of start-up).
owned=/run/learn
if [ -d /dev/net ]; then
  mount -t tmpfs -o mode=755,size=64k tmpfs /dev/net
  mknod -m 600 /dev/net/tun c 10 200
  owned="/dev/net/tun $owned"
fi
chown "$uid:$gid" $owned
shift 3
exec nsenter --user=/proc/self/fd/3 -- "$@"
`;

/**
 * Stage 1, rootless: root of an outer user namespace that maps the invoking
 * user (and its subordinate ids), in its own mount and PID namespaces. Locks
 * the host down, binds the lesson folder, then makes the sandbox's user
 * namespace as a child of this one, with the same ids, so that the mounts
 * above are locked for it. The process holding that namespace reads learn's
 * lifeline pipe (fd 0, kept as fd 3 past the shell's /dev/null for background
 * jobs), so it ends with the sandbox.
 *   $1 lesson folder  $2... the command that starts the sandbox (unshare ...)
 */
export const STAGE1_ROOTLESS = String.raw`set -e
lesson=$1
shift
set -- "" "" "$lesson" "$@"
${LOCK_DOWN_HOST}
shift 3
mkfifo /run/learn/userns-ready
exec 3<&0
unshare --user -- /bin/sh -c 'echo ready; while read -r _; do :; done' <&3 >/run/learn/userns-ready &
holder=$!
read -r _ </run/learn/userns-ready
rm /run/learn/userns-ready
exec 3<&-
awk '{ print $1, $1, $3 }' /proc/self/uid_map >"/proc/$holder/uid_map"
awk '{ print $1, $1, $3 }' /proc/self/gid_map >"/proc/$holder/gid_map"
exec nsenter -t "$holder" -U --preserve-credentials -- "$@"
`;

/**
 * The sandbox's PID 1, root inside its own user, network, mount, PID, UTS and
 * IPC namespaces, its file systems prepared by stage 1. Writes the files it
 * was given, brings up lo, says ready, then waits on stdin: when learn goes
 * away (even SIGKILLed) stdin closes, PID 1 exits and the kernel kills
 * everything else in the sandbox.
 * Env: LEARN_FILES (names of files to write in /run/learn, each from
 * LEARN_FILE_<name>), LEARN_HOSTNAME; for host: true
 * lessons, which have no stage 1, LEARN_MOUNT_RUN (make /run, /tmp and /root
 * here) and LEARN_LESSON_SRC (the lesson folder).
 */
export const SANDBOX_INIT = String.raw`set -e
${CLOSE_INHERITED_FDS}
if [ -n "$LEARN_MOUNT_RUN" ]; then
  mount -t tmpfs -o mode=755 tmpfs /run
  mkdir -p /run/learn/lesson
  mount --bind "$LEARN_LESSON_SRC" /run/learn/lesson
  mount -o remount,bind,ro /run/learn/lesson 2>/dev/null || true
  mount -t tmpfs -o mode=1777 tmpfs /tmp
  mount -t tmpfs -o mode=700 tmpfs /root
fi
for name in $LEARN_FILES; do
  eval "printf '%s' \"\$LEARN_FILE_$name\"" > "/run/learn/$name"
  unset "LEARN_FILE_$name"
done
mount -t sysfs sysfs /sys 2>/dev/null || true
hostname "$LEARN_HOSTNAME"
ip link set lo up
unset LEARN_FILES LEARN_BINDS LEARN_MOUNT_RUN LEARN_LESSON_SRC LEARN_HOSTNAME LEARN_SYS_MOUNT
cd /root
set +e
trap '' INT TERM HUP
echo learn-sandbox-ready
while read -r _; do :; done
`;
