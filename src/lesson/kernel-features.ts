// The kernel features a lesson may ask for in `kernel:`, with the kernel
// config option and module behind each, so a skip reason can name them.

export interface KernelFeatureInfo {
  /** Kernel config option, e.g. `CONFIG_IP_VS`. */
  config: string;
  /** Loadable module that provides it when not built in. */
  module: string;
}

export const KERNEL_FEATURES = {
  bridge: { config: 'CONFIG_BRIDGE', module: 'bridge' },
  veth: { config: 'CONFIG_VETH', module: 'veth' },
  tun: { config: 'CONFIG_TUN', module: 'tun' },
  tap: { config: 'CONFIG_TUN', module: 'tun' },
  vxlan: { config: 'CONFIG_VXLAN', module: 'vxlan' },
  macvlan: { config: 'CONFIG_MACVLAN', module: 'macvlan' },
  ipvlan: { config: 'CONFIG_IPVLAN', module: 'ipvlan' },
  dummy: { config: 'CONFIG_DUMMY', module: 'dummy' },
  vrf: { config: 'CONFIG_NET_VRF', module: 'vrf' },
  nf_tables: { config: 'CONFIG_NF_TABLES', module: 'nf_tables' },
  iptables: { config: 'CONFIG_IP_NF_IPTABLES', module: 'ip_tables' },
  ip_vs: { config: 'CONFIG_IP_VS', module: 'ip_vs' },
} as const satisfies Record<string, KernelFeatureInfo>;

export type KernelFeature = keyof typeof KERNEL_FEATURES;

export const KERNEL_FEATURE_NAMES = Object.keys(KERNEL_FEATURES) as KernelFeature[];

export function isKernelFeature(name: string): name is KernelFeature {
  return Object.hasOwn(KERNEL_FEATURES, name);
}

/** `ip_vs (CONFIG_IP_VS)`: how a message names a feature. */
export function describeKernelFeature(feature: KernelFeature): string {
  return `${feature} (${KERNEL_FEATURES[feature].config})`;
}
