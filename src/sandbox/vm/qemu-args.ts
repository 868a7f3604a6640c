// The qemu command line of a lesson VM, as a pure function of what it needs.
// No network device, no firmware disks, no display: a kernel, an initramfs,
// the host's root over 9p (read-only), and virtio ports whose host ends are
// file descriptors learn hands to qemu (socket pairs).
import { GUEST_MOUNTS, PORT_NAMES } from './guest-scripts.js';

export type Accel = 'kvm' | 'tcg';

export interface QemuPlan {
  accel: Accel;
  vmlinux: string;
  initramfs: string;
  kernelVersion: string;
  hostname: string;
  memoryMiB: number;
  cpus: number;
  /** Descriptors (in qemu) of the control and events ports, then one per terminal. */
  controlFd: number;
  eventsFd: number;
  terminalFds: readonly number[];
}

export const QEMU = 'qemu-system-x86_64';

export function qemuArgs(plan: QemuPlan): string[] {
  // -arch-capabilities: nested KVM aborts on MSR 0x10a without it.
  const cpu = plan.accel === 'kvm' ? ['-cpu', 'host,-arch-capabilities'] : [];
  const args = [
    '-nodefaults', '-no-user-config', '-nographic', '-no-reboot',
    '-machine', 'q35', '-accel', plan.accel === 'kvm' ? 'kvm' : 'tcg,thread=multi', ...cpu,
    '-m', String(plan.memoryMiB), '-smp', String(plan.cpus),
    '-kernel', plan.vmlinux, '-initrd', plan.initramfs,
    // panic=-1 and -no-reboot: a guest that panics ends qemu at once. Words
    // the kernel does not know would reach init as arguments: none here.
    '-append', ['console=ttyS0', 'quiet', 'loglevel=3', 'panic=-1', 'oops=panic', 'rdinit=/init', 'tsc=reliable', 'no_timer_check',
      '--', plan.kernelVersion, plan.hostname].join(' '),
    '-serial', 'stdio', '-monitor', 'none',
    '-virtfs', `local,path=/,mount_tag=${GUEST_MOUNTS.hostTag},security_model=none,readonly=on,multidevs=remap`,
    '-device', 'virtio-serial-pci,id=ports,max_ports=32',
  ];
  // Consoles first: they take hvc0, hvc1... in order.
  plan.terminalFds.forEach((fd, index) => {
    args.push('-chardev', `socket,id=term${index},fd=${fd}`, '-device', `virtconsole,bus=ports.0,chardev=term${index},name=learn.term${index},nr=${index}`);
  });
  const base = plan.terminalFds.length;
  args.push('-chardev', `socket,id=ctl,fd=${plan.controlFd}`, '-device', `virtserialport,bus=ports.0,chardev=ctl,name=${PORT_NAMES.control},nr=${base}`);
  args.push('-chardev', `socket,id=ev,fd=${plan.eventsFd}`, '-device', `virtserialport,bus=ports.0,chardev=ev,name=${PORT_NAMES.events},nr=${base + 1}`);
  return args;
}
