#!/usr/bin/python3
"""A point-to-point IP tunnel over UDP, in user space.

    python3 udp-tunnel.py DEVICE LOCAL_IP REMOTE_IP [PORT]

Run one copy on each end, with LOCAL_IP and REMOTE_IP swapped:

    host A:  udp-tunnel.py tun0 192.0.2.1 192.0.2.2
    host B:  udp-tunnel.py tun0 192.0.2.2 192.0.2.1

Every IP packet the kernel routes into DEVICE is read here and sent, whole,
as the payload of one UDP datagram to REMOTE_IP:PORT.  Every datagram that
arrives on LOCAL_IP:PORT is written into DEVICE, so the kernel on that side
receives the inner packet as if it had come in on the TUN device.  That is
the core of OpenVPN, WireGuard and every other "overlay" network, minus the
encryption, authentication and everything else that makes them safe.
"""

import os
import select
import socket
import sys

from tunlib import ctrl_c_deferred, describe, open_tun

DEFAULT_PORT = 5555


def forward(readable, tun, udp, device, remote):
    """Pass on what select() found waiting; returns how many packets."""
    carried = 0
    if tun in readable:
        # Outbound: the kernel routed a packet into the TUN device.
        packet = os.read(tun, 65535)
        # Say so before passing it on: once it is on its way, the answer can
        # come back (and the lesson go on) at any moment.
        print("%s -> udp: %s" % (device, describe(packet)), flush=True)
        carried += 1
        udp.sendto(packet, remote)
    if udp in readable:
        # Inbound: the other end sent us a packet inside a datagram.
        packet, sender = udp.recvfrom(65535)
        if sender[0] == remote[0]:    # only accept our peer's datagrams
            print("udp -> %s: %s" % (device, describe(packet)), flush=True)
            carried += 1
            os.write(tun, packet)
    return carried


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit("usage: udp-tunnel.py DEVICE LOCAL_IP REMOTE_IP [PORT]")
    device, local_ip, remote_ip = sys.argv[1:4]
    port = int(sys.argv[4]) if len(sys.argv) == 5 else DEFAULT_PORT

    tun = open_tun(device)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((local_ip, port))
    remote = (remote_ip, port)
    print("tunnel %s: %s:%d <-> %s:%d (Ctrl-C to stop)"
          % (device, local_ip, port, remote_ip, port), flush=True)

    carried = 0
    try:
        while True:
            # Sleep until either side has something for us.
            readable, _, _ = select.select([tun, udp], [], [])
            # Ctrl-C waits until what was read is passed on and reported.
            with ctrl_c_deferred():
                carried += forward(readable, tun, udp, device, remote)
    except KeyboardInterrupt:
        # Start on a fresh line: the terminal has just echoed "^C".
        print("\n%d packets carried" % carried)


if __name__ == "__main__":
    main()
