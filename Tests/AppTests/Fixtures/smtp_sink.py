"""A real SMTP server for the mail tests (Python's aiosmtpd): stores every message it accepts in a Maildir.

Usage: smtp_sink.py MAILDIR PORT   (PORT 0 picks a free one). Prints the port once it listens; stops on SIGTERM.
"""
import signal
import socket
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox

maildir, port = sys.argv[1], int(sys.argv[2])
if port == 0:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
signal.sigwait([signal.SIGTERM, signal.SIGINT])
controller.stop()
