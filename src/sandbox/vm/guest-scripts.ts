// The two scripts that run inside the VM: the initramfs's /init (busybox sh:
// load the modules, mount the host's filesystem read-only under a tmpfs
// overlay, switch root) and the agent that is then PID 1 (bash from the
// host's filesystem: answers the host on the control port, starts lesson
// shells on the terminal ports). Positional arguments, never interpolation.

/** Kernel command line words the init reads (after `--`, the kernel passes them to init). */
export const GUEST_MOUNTS = {
  /** 9p tag of the host's root as qemu sees it (the namespace sandbox's view). */
  hostTag: 'learnroot',
  /** Where the kernel's modules are, inside the host's /run/learn. */
  modulesDir: '/run/learn/kernel/lib/modules',
} as const;

/** Virtio port names. Terminals are consoles (hvc ttys), in port order. */
export const PORT_NAMES = { control: 'learn.ctl', events: 'learn.ev' } as const;

/**
 * initramfs /init. $1 kernel version, $2 hostname. The modules are in
 * /lib/learn/, their load order in /lib/learn/order. Any failure powers
 * off with a message on the serial console, which learn shows.
 */
export const GUEST_INIT = String.raw`#!/bin/busybox sh
B=/bin/busybox
fail() { $B echo "learn-vm: $*" >/dev/console; $B echo o >/proc/sysrq-trigger; $B sleep 5; }
$B mount -t proc proc /proc
$B mount -t sysfs sys /sys
$B mount -t devtmpfs dev /dev
for m in $($B cat /lib/learn/order); do
  $B insmod "/lib/learn/$m.ko" || fail "cannot load module $m"
done
$B mkdir -p /host /upper /newroot
$B mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose ${GUEST_MOUNTS.hostTag} /host || fail 'cannot mount the host share'
$B mount -t tmpfs -o mode=755 tmpfs /upper
$B mkdir -p /upper/data /upper/work
$B mount -t overlay -o lowerdir=/host,upperdir=/upper/data,workdir=/upper/work overlay /newroot || fail 'cannot mount the overlay'
N=/newroot
for d in tmp root run; do $B mount -t tmpfs -o mode=755 tmpfs "$N/$d"; done
$B chmod 1777 "$N/tmp"; $B chmod 700 "$N/root"
$B mkdir -p "$N/run/learn" "$N/run/learn-vm" "$N/lib/modules/$1"
$B mount --bind /host/run/learn "$N/run/learn"
$B mount --bind "/host${GUEST_MOUNTS.modulesDir}/$1" "$N/lib/modules/$1"
$B cp /lib/learn/agent "$N/run/learn-vm/agent"
$B ln -s /bin/busybox "$N/run/learn-vm/modprobe"
$B echo /run/learn-vm/modprobe >/proc/sys/kernel/modprobe
for d in proc sys dev; do $B mount --move "/$d" "$N/$d"; done
exec $B switch_root "$N" /bin/bash /run/learn-vm/agent "$2"
fail 'switch_root failed'
`;

/**
 * The guest's PID 1 after switch_root. $1 hostname.
 * Requests on the control port, one line each: `ID VERB ARG...`, arguments
 * base64. Replies: `ID STATUS STDOUT STDERR` (base64). Events on the
 * events port: `pid PORT PID` when a terminal's shell started, `exit PORT
 * STATUS` when it ended. Verbs:
 *   run CMD SECONDS    run CMD (a /bin/sh command line) without a terminal
 *   term PORT COLS ROWS CMD   start CMD on terminal port PORT (hvc PORT)
 *   fg PID             foreground group of PID's terminal, and whether it reads it
 *   killfg PID         SIGKILL that group, unless it is PID's own
 *   kill SIGNAL PID    signal one process
 *   stty PORT COLS ROWS   resize a terminal
 */
export const GUEST_AGENT = String.raw`set +e
# No traps: what the agent starts must get the default signal dispositions
# (the kernel spares PID 1 the signals it does not handle anyway).
echo "$1" >/proc/sys/kernel/hostname
ip link set lo up
[ -x /sbin/modprobe ] || [ -x /usr/sbin/modprobe ] || { mkdir -p /usr/local/sbin && ln -sf /bin/busybox /usr/local/sbin/modprobe; }
for p in /sys/class/virtio-ports/*; do
  read -r name <"$p/name"
  case $name in ${PORT_NAMES.control}) ctl=/dev/${'$'}{p##*/} ;; ${PORT_NAMES.events}) ev=/dev/${'$'}{p##*/} ;; esac
done
exec 3<>"$ctl" 4>"$ev" </dev/null >/dev/console 2>&1
cd /root
W=/run/learn-vm
decode() { printf %s "$1" | base64 -d; }
reply() { printf '%s %s %s %s\n' "$1" "$2" "$(base64 -w0 <$W/out)" "$(base64 -w0 <$W/err)" >&3; }
# No command substitutions here: every fork costs under emulation.
stat_of() { local s; read -r s <"/proc/$1/stat" 2>/dev/null || return 1; s=${'$'}{s##*) }; set -- $s; pgrp=$3; tpgid=$6; }
reads_tty() {
  local g=$1 d w
  for d in /proc/[0-9]*; do
    stat_of "${'$'}{d#/proc/}" && [ "$pgrp" = "$g" ] || continue
    w=; read -r w <"$d/wchan" 2>/dev/null
    case $w in n_tty_read|wait_woken) return 0 ;; esac
  done
  return 1
}
# Started with setsid -f, never with &: a shell gives its asynchronous
# commands SIGINT ignored, and a lesson's ^C would then stop nothing.
# $1 port $2 cols $3 rows $4 command. The shell reports its pid itself.
WAITER='tty=/dev/hvc$1
setsid -w -c /bin/sh -c "echo \"pid $1 \$\$\" >&4; exec 4>&-; stty sane cols $2 rows $3; $4" <>"$tty" >&0 2>&0
echo "exit $1 $?" >&4'
echo learn-vm-ready >&3
while read -r id verb a b c d <&3; do
  : >$W/out; : >$W/err; status=0
  case $verb in
    run) timeout "$b" /bin/sh -c "$(decode "$a")" </dev/null >$W/out 2>$W/err 3>&- 4>&-; status=$? ;;
    term) setsid -f /bin/sh -c "$WAITER" waiter "$a" "$b" "$c" "$(decode "$d")" 3>&- ;;
    fg) g=0; stat_of "$a" && g=$tpgid; r=0; [ "$g" -gt 0 ] && reads_tty "$g" && r=1; echo "$g $r" >$W/out ;;
    killfg) g=0; stat_of "$a" && g=$tpgid; [ "$g" -gt 0 ] && [ "$g" != "$a" ] && kill -KILL -- "-$g" ;;
    kill) kill -s "$a" -- "$b" 2>$W/err; status=$? ;;
    stty) stty -F "/dev/hvc$a" cols "$b" rows "$c" 2>$W/err; status=$? ;;
    *) echo "unknown request $verb" >$W/err; status=127 ;;
  esac
  reply "$id" "$status"
done
echo o >/proc/sysrq-trigger
`;
