#!/usr/bin/python3
"""Hold a TUN device open and print every packet the kernel writes into it.

    python3 tun-reader.py tun0                 # just read and print
    python3 tun-reader.py tun0 --answer-ping   # ...and answer ICMP echo requests

A TUN device is a network interface whose "wire" is a program.  When the
kernel routes an IP packet out of tun0, it does not go to any hardware: it
waits in a queue until the program that holds the device reads it.  When the
program writes a packet, the kernel receives it as if it had arrived on tun0.

With --answer-ping this program becomes a (very) small user-space network
stack: for each ICMP echo request it builds the echo reply itself and writes
it back, so `ping` gets answers from an address that no kernel owns.
Standard library only; see tunlib.py for the device and header helpers.
"""

import os
import struct
import sys

from tunlib import (ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, IPPROTO_ICMP,
                    checksum, describe, open_tun, parse_ipv4)


def echo_reply(request):
    """Build the ICMP echo reply for an ICMP echo request (both IPv4 packets).

    The reply is the request with source and destination swapped and the
    ICMP type changed from 8 (request) to 0 (reply); identifier, sequence
    number and payload must come back unchanged so ping can match them.
    Both checksums have to be computed again.
    """
    header_length = (request[0] & 0x0F) * 4
    ip_header = bytearray(request[:header_length])
    icmp = bytearray(request[header_length:])

    ip_header[12:16], ip_header[16:20] = request[16:20], request[12:16]
    ip_header[8] = 64                      # a fresh TTL
    ip_header[10:12] = b"\0\0"             # checksum is computed with this zeroed
    ip_header[10:12] = struct.pack("!H", checksum(bytes(ip_header)))

    icmp[0] = ICMP_ECHO_REPLY
    icmp[2:4] = b"\0\0"
    icmp[2:4] = struct.pack("!H", checksum(bytes(icmp)))
    return bytes(ip_header + icmp)


def is_echo_request(packet):
    ip = parse_ipv4(packet)
    if ip is None:
        return False
    header_length, protocol, _source, _destination = ip
    return protocol == IPPROTO_ICMP and packet[header_length] == ICMP_ECHO_REQUEST


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit("usage: tun-reader.py DEVICE [--answer-ping]")
    device = args[0]
    answer_ping = "--answer-ping" in args[1:]

    fd = open_tun(device)
    print("reading packets from %s%s (Ctrl-C to stop)"
          % (device, ", answering pings" if answer_ping else ""), flush=True)
    read_count = written_count = 0
    try:
        while True:
            packet = os.read(fd, 65535)   # blocks until the kernel sends one
            read_count += 1
            print("read:  " + describe(packet), flush=True)
            if answer_ping and is_echo_request(packet):
                reply = echo_reply(packet)
                # Say so first: once written, ping has its answer and the
                # lesson may go on (and send ^C) before this line is out.
                written_count += 1
                print("wrote: " + describe(reply), flush=True)
                os.write(fd, reply)       # the kernel now "receives" it on the device
    except KeyboardInterrupt:
        # Start on a fresh line: the terminal has just echoed "^C".
        print("\n%d packets read, %d written" % (read_count, written_count))


if __name__ == "__main__":
    main()
