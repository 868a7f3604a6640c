"""Helpers shared by tun-reader.py and udp-tunnel.py.

Two things live here:

* open_tun(): how a program attaches to a TUN device.  This is the whole
  "magic" of TUN/TAP: open /dev/net/tun, then one ioctl (TUNSETIFF) that
  names the device.  From then on the file descriptor *is* the wire:
  os.read() returns the next packet the kernel routed into the device,
  os.write() hands a packet to the kernel as if it had arrived on it.

* describe() and friends: just enough decoding to print one readable line
  per packet: the optional 4-byte packet information header, Ethernet and
  ARP (for TAP devices), IPv4 and ICMP.  Everything is parsed with the
  struct module, straight from the header layouts in <linux/if_tun.h>,
  IEEE 802.3, RFC 826 (ARP), RFC 791 (IPv4) and RFC 792 (ICMP).
"""

import contextlib
import fcntl
import os
import signal
import socket
import struct

# From <linux/if_tun.h>.
TUNSETIFF = 0x400454CA  # _IOW('T', 202, int): attach this fd to a device
IFF_TUN = 0x0001        # layer 3: the device carries bare IP packets
IFF_TAP = 0x0002        # layer 2: the device carries whole Ethernet frames
IFF_NO_PI = 0x1000      # no 4-byte "packet information" prefix on each packet
TUNSETCARRIER = 0x400454E2  # _IOW('T', 226, int): the holder sets the carrier (Linux 5.0)
TUN_PKT_STRIP = 0x0001  # PI flag: the packet was cut to fit the read buffer

ETH_P_IP = 0x0800
ETH_P_ARP = 0x0806
ETH_P_IPV6 = 0x86DD
ETHERTYPE_NAMES = {ETH_P_IP: "IPv4", ETH_P_ARP: "ARP", ETH_P_IPV6: "IPv6"}

IPPROTO_ICMP = 1
ICMP_ECHO_REPLY = 0
ICMP_ECHO_REQUEST = 8

ICMP_NAMES = {
    ICMP_ECHO_REPLY: "echo reply",
    3: "destination unreachable",
    ICMP_ECHO_REQUEST: "echo request",
    11: "time exceeded",
}
PROTO_NAMES = {1: "ICMP", 6: "TCP", 17: "UDP"}


def open_tun(name, tap=False, pi=False):
    """Attach to the TUN (or, with tap=True, TAP) device `name`, creating it
    if it does not exist.  With pi=True every packet read or written starts
    with the 4-byte packet information header (see split_pi).

    The device exists as long as some program holds it open, or for good if
    it was made "persistent" (openvpn --mktun, ip tuntap add).  The carrier
    comes on when the first program attaches and goes off when the last one
    detaches; in between the holder may switch it with set_carrier().
    """
    fd = os.open("/dev/net/tun", os.O_RDWR)
    flags = IFF_TAP if tap else IFF_TUN
    if not pi:
        flags |= IFF_NO_PI
    # struct ifreq: a 16-byte interface name, then a short of flags,
    # padded to the 40 bytes the kernel copies in.
    ifreq = struct.pack("16sH22x", name.encode(), flags)
    fcntl.ioctl(fd, TUNSETIFF, ifreq)
    return fd


def set_carrier(fd, on):
    """Switch the carrier of the attached device on or off (TUNSETCARRIER)."""
    fcntl.ioctl(fd, TUNSETCARRIER, struct.pack("i", 1 if on else 0))


def split_pi(packet):
    """Split off the packet information header: struct tun_pi in
    <linux/if_tun.h>, a 16-bit flags field and the 16-bit protocol (an
    EtherType, network byte order), in front of every packet unless the
    device was opened with IFF_NO_PI.  Returns (text, rest)."""
    flags, proto = struct.unpack("!HH", packet[:4])
    text = "pi flags=0x%04x proto=0x%04x (%s)" % (
        flags, proto, ETHERTYPE_NAMES.get(proto, "unknown"))
    if flags & TUN_PKT_STRIP:
        text += " truncated"
    return text, packet[4:]


def mac(raw):
    return ":".join("%02x" % b for b in raw)


def describe_frame(frame):
    """One line about an Ethernet frame: its header, then what it carries."""
    if len(frame) < 14:
        return "short frame, %d bytes" % len(frame)
    ethertype = struct.unpack("!H", frame[12:14])[0]
    text = "%s > %s %s" % (mac(frame[6:12]), mac(frame[0:6]),
                           ETHERTYPE_NAMES.get(ethertype, "0x%04x" % ethertype))
    payload = frame[14:]
    if ethertype == ETH_P_ARP and len(payload) >= 28:
        op = struct.unpack("!H", payload[6:8])[0]
        sender_ip = socket.inet_ntoa(payload[14:18])
        target_ip = socket.inet_ntoa(payload[24:28])
        if op == 1:
            text += " request who-has %s tell %s" % (target_ip, sender_ip)
        else:
            text += " reply %s is-at %s" % (sender_ip, mac(payload[8:14]))
    elif ethertype == ETH_P_IP:
        text += ": " + describe(payload)
    return "%s, %d bytes" % (text, len(frame))


def checksum(data):
    """The Internet checksum (RFC 1071) used by both IPv4 and ICMP headers:
    the ones' complement of the ones' complement sum of 16-bit words."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def parse_ipv4(packet):
    """Return (header_length, protocol, source, destination) of an IPv4
    packet, or None if it is something else (IPv6, for instance)."""
    if len(packet) < 20 or packet[0] >> 4 != 4:
        return None
    header_length = (packet[0] & 0x0F) * 4       # IHL counts 32-bit words
    protocol = packet[9]
    source = socket.inet_ntoa(packet[12:16])
    destination = socket.inet_ntoa(packet[16:20])
    return header_length, protocol, source, destination


def describe(packet):
    """One line about a packet, in the spirit of tcpdump."""
    ip = parse_ipv4(packet)
    if ip is None:
        return "not IPv4 (version %d), %d bytes" % (packet[0] >> 4, len(packet))
    header_length, protocol, source, destination = ip
    text = "%s > %s %s" % (source, destination,
                           PROTO_NAMES.get(protocol, "protocol %d" % protocol))
    if protocol == IPPROTO_ICMP:
        icmp_type, _code, _sum, _ident, sequence = struct.unpack(
            "!BBHHH", packet[header_length:header_length + 8])
        text += " " + ICMP_NAMES.get(icmp_type, "type %d" % icmp_type)
        if icmp_type in (ICMP_ECHO_REQUEST, ICMP_ECHO_REPLY):
            text += " seq=%d" % sequence
    return "%s, %d bytes" % (text, len(packet))


@contextlib.contextmanager
def ctrl_c_deferred():
    """Hold back SIGINT (Ctrl-C) for the duration: a packet that was written
    is also counted and printed before the program stops."""
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT])
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])
