#!/usr/bin/python3
"""Hold a TUN device with its carrier switched off (or on) while a command runs.

    python3 tun-carrier.py tun0 off ip -br link show dev tun0

Attaches to DEVICE the way tun-reader.py does, then calls the TUNSETCARRIER
ioctl (Linux 5.0 and later) so that the device, although a program holds it,
reports NO-CARRIER (or, with "on", has carrier).  Then it runs COMMAND, and
lets go of the device when the command ends.  Standard library only.
"""

import subprocess
import sys

from tunlib import open_tun, set_carrier


def main():
    if len(sys.argv) < 4 or sys.argv[2] not in ("on", "off"):
        sys.exit("usage: tun-carrier.py DEVICE on|off COMMAND...")
    device, state, command = sys.argv[1], sys.argv[2], sys.argv[3:]
    fd = open_tun(device)
    set_carrier(fd, state == "on")
    print("holding %s, carrier %s" % (device, state), flush=True)
    sys.exit(subprocess.call(command))


if __name__ == "__main__":
    main()
