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
 */
export const GUEST_AGENT = String.raw`set +e
trap '' INT TERM HUP
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
stat_fields() { local s; read -r s <"/proc/$1/stat" 2>/dev/null || return 1; s=${'$'}{s##*) }; echo "$s"; }
fg_group() { local f; f=$(stat_fields "$1") || return 1; set -- $f; echo "$6"; }
reads_tty() {
  local g=$1 d f w
  for d in /proc/[0-9]*; do
    f=$(stat_fields "${'$'}{d#/proc/}") || continue
    set -- $f
    [ "$3" = "$g" ] || continue
    read -r w <"$d/wchan" 2>/dev/null
    case $w in n_tty_read|wait_woken) return 0 ;; esac
  done
  return 1
}
start_term() {
  local port=$1 cols=$2 rows=$3 cmd=$4 tty=/dev/hvc$1
  stty -F "$tty" sane cols "$cols" rows "$rows"
  setsid -c /bin/sh -c "$cmd" <>"$tty" >&0 2>&0 3>&- 4>&- &
  local pid=$!
  echo "pid $port $pid" >&4
  wait "$pid"
  echo "exit $port $?" >&4
}
echo learn-vm-ready >&3
while read -r id verb a b c d <&3; do
  : >$W/out; : >$W/err; status=0
  case $verb in
    run) timeout "$b" /bin/sh -c "$(decode "$a")" </dev/null >$W/out 2>$W/err; status=$? ;;
    term) (start_term "$a" "$b" "$c" "$(decode "$d")" &) ;;
    fg) g=$(fg_group "$a") || g=0; r=0; [ "$g" -gt 0 ] && reads_tty "$g" && r=1; echo "$g $r" >$W/out ;;
    killfg) g=$(fg_group "$a") || g=0; [ "$g" -gt 0 ] && [ "$g" != "$a" ] && kill -KILL -- "-$g" ;;
    kill) kill -s "$a" -- "$b" 2>$W/err; status=$? ;;
    *) echo "unknown request $verb" >$W/err; status=127 ;;
  esac
  reply "$id" "$status"
done
echo o >/proc/sysrq-trigger
`;
