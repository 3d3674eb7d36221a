#!/usr/bin/env bash
# The bounces a real Exim writes, read by postvakt.
#
# Exim is Debian's default MTA and many providers' own. Its package would
# replace Postfix (each is the system's mail-transport-agent), so
# scripts/setup.sh unpacks Debian's exim4-daemon-light into target/exim
# instead, and installs the libraries it links and the Debian-exim user it
# runs deliveries as. This test starts that Exim as a private daemon (its
# own configuration, spool and log in a temporary directory, listening on
# 127.0.0.1 only) beside tests/mta/sink.py, the receiving server that
# refuses recipients at remote.test the way real servers do. Exim bounces
# what cannot be delivered at once (a retry rule with no times), from the
# remote server's refusals and from its own routers: a local part no
# router takes ("Unrouteable address"), one an alias fails with the
# administrator's words (":fail:"), one whose mailbox is over quota. One
# mail, greylisted, is retried, and Exim warns of it once
# (delay_warning). `postvakt bounce --json` then reads the notices, and
# each recipient must come out as tests/mta/exim.json says. Stops
# everything it started; says so and exits 0 (skipped) where Exim is not
# unpacked.
#
#   scripts/test-exim-bounces.sh
#
# Exim's daemon runs as root: run as root, or with sudo that needs no
# password.
set -euo pipefail
# shellcheck source=scripts/mta-bounces.sh
. "$(dirname "$0")/mta-bounces.sh"

exim="$EXIM_ROOT/usr/sbin/exim4"
if [ ! -x "$exim" ] || ! id Debian-exim >/dev/null 2>&1; then
  echo "skipped: Exim is not unpacked in $EXIM_ROOT, or the Debian-exim user is missing (scripts/setup.sh sees to both)"
  exit 0
fi
mta_as_root Exim "$@"

# (Exim delivers as Debian-exim, which must reach the spool.)
mta_tmp exim
mkdir -p "$tmp/spool" "$tmp/log" "$tmp/mail"
chown Debian-exim "$tmp/spool" "$tmp/log" "$tmp/mail"
stop() {
  [ ! -s "$tmp/exim.pid" ] || kill "$(cat "$tmp/exim.pid")" 2>/dev/null || true
  [ -z "$sink_pid" ] || kill "$sink_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap stop EXIT

# Exim's SMTP port, the sink's, and one nothing listens on.
read -r port_in port_sink port_down < <(free_ports 3)
MTA_LOG="$tmp/log/mainlog"

# The configuration must be root's and written by no one else.
cat >"$tmp/exim.conf" <<CF
# Where the unpacked binary is, for the deliveries Exim starts itself.
exim_path = $exim
primary_hostname = mx.postvakt.test
qualify_domain = postvakt.test
spool_directory = $tmp/spool
log_file_path = $tmp/log/%slog
pid_file_path = $tmp/exim.pid
exim_user = Debian-exim
exim_group = Debian-exim
daemon_smtp_ports = $port_in
local_interfaces = 127.0.0.1
tls_advertise_hosts =
host_lookup =
never_users =
domainlist local_domains = localhost
acl_smtp_rcpt = accept_all
# One warning for a mail still queued after two seconds.
delay_warning = 2s:1h

begin acl
accept_all:
  accept

begin routers
remote:
  driver = manualroute
  domains = remote.test : bounces.test
  route_list = * 127.0.0.1
  self = send
  transport = to_sink
down:
  driver = manualroute
  domains = down.test
  route_list = * 127.0.0.1
  self = send
  transport = to_down
moved:
  driver = redirect
  domains = localhost
  local_parts = moved
  data = :fail: This user has left the company
  allow_fail
quota:
  driver = accept
  domains = localhost
  local_parts = quota
  transport = mailbox

begin transports
to_sink:
  driver = smtp
  port = $port_sink
to_down:
  driver = smtp
  port = $port_down
mailbox:
  driver = appendfile
  file = $tmp/mail/quota
  user = Debian-exim
  quota = 10

begin retry
# Greylisting is waited out; everything else fails at once.
later@remote.test  *  F,1h,1s
*  *
CF
chmod 644 "$tmp/exim.conf"

start_sink "$port_sink" "$tmp/sink.log"

"$exim" -C "$tmp/exim.conf" -bd -q1s 2>>"$tmp/log/start" ||
  { cat "$tmp/log/start" >&2; mta_fail "Exim did not start"; }

# Failures, tried once: one bounce per mail, the last but one to two
# recipients; then the greylisted mail and its warning.
submit "$port_in" 0 '[["unknown@remote.test"], ["full@remote.test"], ["disabled@remote.test"],
  ["spam@remote.test"], ["big@remote.test"], ["blocked@remote.test"],
  ["nosuchuser@localhost"], ["moved@localhost"], ["quota@localhost"], ["kari@down.test"],
  ["unknown2@remote.test", "fullhard2@remote.test"], ["later@remote.test"]]'
wait_for 12
"$exim" -C "$tmp/exim.conf" -bV 2>/dev/null | sed -n 1p
check_notices exim "$tmp"
