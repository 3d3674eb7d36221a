"""A receiving mail server for the real-MTA bounce tests, on 127.0.0.1.

It plays the remote servers a provider's Postfix or Exim delivers to. For the
domain `remote.test` it refuses each recipient the way real servers do,
chosen by the local part (see REPLIES); for `bounces.test`, the envelope
sender of the test mails, it accepts, and writes each message it receives
(the bounces the MTA sends back) to OUT_DIR as N.eml.

    python3 sink.py PORT OUT_DIR

It prints "ready" once it listens. Standard library only.
"""

import os
import socketserver
import sys

# Local part at remote.test -> (when the refusal comes, the reply; {addr}
# is the recipient's address).
REPLIES = {
    "unknown": ("rcpt", "550 5.1.1 <{addr}>: Recipient address rejected: User unknown in virtual mailbox table"),
    "full": ("rcpt", "452 4.2.2 <{addr}>: Mailbox full, try again later"),
    "fullhard": ("rcpt", "552 5.2.2 <{addr}>: Mailbox full"),
    "disabled": ("rcpt", "550 5.2.1 <{addr}>: This mailbox is disabled"),
    "later": ("rcpt", "451 4.7.1 <{addr}>: Recipient address rejected: Greylisted, try again in 5 minutes"),
    "spam": ("data", "554 5.7.1 Message rejected: spam content detected"),
    "big": ("data", "552 5.3.4 Message size exceeds fixed maximum message size"),
    "blocked": ("rcpt", "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org"),
}

# Where received messages go, and how many have come.
OUT = ""
COUNT = [0]


def kind(addr):
    """The REPLIES key of an address: its local part without trailing digits
    (unknown2@ is refused as unknown@ is)."""
    return addr.split("@")[0].rstrip("0123456789")


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        self.reply("220 mx.remote.test ESMTP sink")
        rcpts = []
        while True:
            line = self.rfile.readline(4096)
            if not line:
                return
            cmd = line.decode("latin-1").strip()
            verb = cmd[:4].upper()
            if verb == "EHLO":
                # As real servers do: the status codes in its replies are
                # enhanced ones (RFC 2034). Sendmail trusts them only then;
                # otherwise it writes its own reading of the bare reply
                # code (552 "exceeded storage allocation" as 5.2.2).
                self.reply("250-mx.remote.test")
                self.reply("250 ENHANCEDSTATUSCODES")
            elif verb == "HELO":
                self.reply("250 mx.remote.test")
            elif verb == "MAIL":
                rcpts = []
                self.reply("250 2.1.0 Ok")
            elif verb == "RCPT":
                addr = cmd.split(":", 1)[1].strip().strip("<>").lower()
                domain = addr.partition("@")[2]
                when, text = REPLIES.get(kind(addr), ("", ""))
                if domain == "remote.test" and when == "rcpt":
                    self.reply(text.format(addr=addr))
                else:
                    rcpts.append(addr)
                    self.reply("250 2.1.5 Ok")
            elif verb == "DATA":
                if not rcpts:
                    self.reply("554 5.5.1 No valid recipients")
                    continue
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = bytearray()
                while True:
                    chunk = self.rfile.readline(1 << 20)
                    if not chunk or chunk in (b".\r\n", b".\n"):
                        break
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                refusal = [REPLIES[kind(a)][1] for a in rcpts
                           if a.endswith("@remote.test") and REPLIES.get(kind(a), ("",))[0] == "data"]
                if refusal:
                    self.reply(refusal[0])
                    continue
                if any(a.endswith("@bounces.test") for a in rcpts):
                    COUNT[0] += 1
                    path = os.path.join(OUT, f"{COUNT[0]}.eml")
                    with open(path + ".part", "wb") as f:
                        f.write(bytes(data))
                    os.rename(path + ".part", path)
                self.reply("250 2.0.0 Ok: queued")
            elif verb == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            elif verb in ("RSET", "NOOP"):
                self.reply("250 2.0.0 Ok")
            else:
                self.reply("502 5.5.2 Error: command not recognized")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    global OUT
    port, OUT = int(sys.argv[1]), sys.argv[2]
    with Server(("127.0.0.1", port), Session) as server:
        print("ready", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
