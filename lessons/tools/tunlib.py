"""Helpers shared by tun-reader.py and udp-tunnel.py.

Two things live here:

* open_tun(): how a program attaches to a TUN device.  This is the whole
  "magic" of TUN/TAP: open /dev/net/tun, then one ioctl (TUNSETIFF) that
  names the device.  From then on the file descriptor *is* the wire:
  os.read() returns the next packet the kernel routed into the device,
  os.write() hands a packet to the kernel as if it had arrived on it.

* describe() and friends: just enough IPv4/ICMP decoding to print one
  readable line per packet.  Everything is parsed with the struct module,
  straight from the header layouts in RFC 791 (IPv4) and RFC 792 (ICMP).
"""

import fcntl
import os
import socket
import struct

# From <linux/if_tun.h>.
TUNSETIFF = 0x400454CA  # _IOW('T', 202, int): attach this fd to a device
IFF_TUN = 0x0001        # layer 3: the device carries bare IP packets
IFF_TAP = 0x0002        # layer 2: the device carries whole Ethernet frames
IFF_NO_PI = 0x1000      # no 4-byte "packet information" prefix on each packet

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


def open_tun(name):
    """Attach to the TUN device `name` (creating it if it does not exist).

    The device exists as long as some program holds it open, or for good if
    it was made "persistent" (openvpn --mktun, ip tuntap add).  While a
    program holds it open the kernel reports carrier on the link.
    """
    fd = os.open("/dev/net/tun", os.O_RDWR)
    # struct ifreq: a 16-byte interface name, then a short of flags,
    # padded to the 40 bytes the kernel copies in.
    ifreq = struct.pack("16sH22x", name.encode(), IFF_TUN | IFF_NO_PI)
    fcntl.ioctl(fd, TUNSETIFF, ifreq)
    return fd


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
