#!/usr/bin/python3
"""Hold a TUN device open and print every packet the kernel writes into it.

    python3 tun-reader.py tun0                 # just read and print
    python3 tun-reader.py tun0 --answer-ping   # ...and answer ICMP echo requests
    python3 tun-reader.py tap0 --tap           # a TAP device: whole Ethernet frames
    python3 tun-reader.py tun0 --pi            # keep the packet information header
    python3 tun-reader.py tun0 --carrier-off   # hold the device, carrier switched off (tun-carrier.py)
    python3 tun-reader.py tun0 --count 1       # stop after one packet

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
                    checksum, ctrl_c_deferred, describe, describe_frame,
                    open_tun, parse_ipv4, set_carrier, split_pi)


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


USAGE = ("usage: tun-reader.py DEVICE [--tap] [--pi] [--answer-ping]"
         " [--carrier-off] [--count N]")


def parse_args(args):
    if not args or args[0].startswith("-"):
        sys.exit(USAGE)
    options = {"device": args[0], "tap": False, "pi": False,
               "answer_ping": False, "carrier_off": False, "count": 0}
    rest = args[1:]
    while rest:
        arg = rest.pop(0)
        if arg == "--count" and rest and rest[0].isdigit():
            options["count"] = int(rest.pop(0))
        elif arg in ("--tap", "--pi", "--answer-ping", "--carrier-off"):
            options[arg[2:].replace("-", "_")] = True
        else:
            sys.exit(USAGE)
    if options["answer_ping"] and options["tap"]:
        sys.exit("tun-reader.py: --answer-ping works on TUN devices only")
    return options


def show(packet, options):
    """The line printed for one packet: PI header first, if there is one."""
    prefix = ""
    if options["pi"]:
        prefix, packet = split_pi(packet)
        prefix += " | "
    return prefix + (describe_frame(packet) if options["tap"] else describe(packet))


def main():
    options = parse_args(sys.argv[1:])
    device = options["device"]
    fd = open_tun(device, tap=options["tap"], pi=options["pi"])
    if options["carrier_off"]:
        set_carrier(fd, False)
    notes = [n for n, on in (("TAP", options["tap"]), ("with PI header", options["pi"]),
                             ("answering pings", options["answer_ping"]),
                             ("carrier off", options["carrier_off"])) if on]
    print("reading packets from %s%s (Ctrl-C to stop)"
          % (device, "".join(", " + n for n in notes)), flush=True)
    read_count = written_count = 0
    try:
        while not options["count"] or read_count < options["count"]:
            packet = os.read(fd, 65535)   # blocks until the kernel sends one
            # Ctrl-C waits until this packet is answered and reported, so that
            # what the program says it wrote is what the kernel received.
            with ctrl_c_deferred():
                read_count += 1
                print("read:  " + show(packet, options), flush=True)
                pi, ip_packet = (packet[:4], packet[4:]) if options["pi"] else (b"", packet)
                if options["answer_ping"] and is_echo_request(ip_packet):
                    reply = pi + echo_reply(ip_packet)
                    written_count += 1
                    print("wrote: " + show(reply, options), flush=True)
                    os.write(fd, reply)   # the kernel now "receives" it on the device
        print("%d packets read, %d written" % (read_count, written_count))
    except KeyboardInterrupt:
        # Start on a fresh line: the terminal has just echoed "^C".
        print("\n%d packets read, %d written" % (read_count, written_count))


if __name__ == "__main__":
    main()
