#!/usr/bin/env bash
# The bounces a real OpenSMTPD writes, read by postvakt.
#
# OpenSMTPD is OpenBSD's MTA, packaged for Linux distributions too. Its
# package would replace Postfix (each is the system's
# mail-transport-agent), so scripts/setup.sh unpacks Debian's opensmtpd
# (6.8.0p2) into target/opensmtpd instead, and adds the two users it runs
# as. Its spool (/var/spool/smtpd), control socket and empty chroot
# directory are fixed when it is compiled, so this test gives it a /var
# of its own: it starts smtpd in a private mount namespace (unshare -m)
# where a temporary directory is mounted over /var, and nothing of the
# machine's /var is touched. It listens on 127.0.0.1 only and relays to
# tests/mta/sink.py, the receiving server that refuses recipients at
# remote.test the way real servers do. OpenSMTPD bounces the permanent
# refusals at once; the greylisted recipient it retries, warns of after a
# second (bounce warn-interval) and gives up on after four (queue ttl),
# with a second notice. `postvakt bounce --json` then reads the notices,
# and each record must come out as tests/mta/opensmtpd.json says. Stops
# everything it started; says so and exits 0 (skipped) where OpenSMTPD is
# not unpacked or no mount namespace can be made.
#
#   scripts/test-opensmtpd-bounces.sh
#
# smtpd and the namespace need root: run as root, or with sudo that needs
# no password.
set -euo pipefail
# shellcheck source=scripts/mta-bounces.sh
. "$(dirname "$0")/mta-bounces.sh"

smtpd="$OPENSMTPD_ROOT/usr/sbin/smtpd"
if [ ! -x "$smtpd" ] || ! id opensmtpd >/dev/null 2>&1 || ! id opensmtpq >/dev/null 2>&1; then
  echo "skipped: OpenSMTPD is not unpacked in $OPENSMTPD_ROOT, or its users (opensmtpd, opensmtpq) are missing (scripts/setup.sh sees to both)"
  exit 0
fi
mta_as_root OpenSMTPD "$@"
need_namespace -m "OpenSMTPD's spool is fixed at /var/spool/smtpd"

mta_tmp opensmtpd
# The /var smtpd sees: its spool is made at start, the chroot directory
# must be root's and empty.
mkdir -p "$tmp/var/spool" "$tmp/var/run" "$tmp/var/lib/opensmtpd/empty"
chmod 755 "$tmp/var" "$tmp/var/spool"
smtpd_pid=""
stop() {
  [ -z "$smtpd_pid" ] || kill "$smtpd_pid" 2>/dev/null || true
  [ -z "$sink_pid" ] || kill "$sink_pid" 2>/dev/null || true
  # (smtpd's processes leave as their parent does; the mount goes with
  # the namespace)
  [ -z "$smtpd_pid" ] || wait "$smtpd_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap stop EXIT

read -r port_in port_sink < <(free_ports 2)
MTA_LOG="$tmp/smtpd.log"

cat >"$tmp/smtpd.conf" <<CF
listen on 127.0.0.1 port $port_in hostname mx.postvakt.test
# A mail still queued after a second is warned of; after four it is
# given up.
bounce warn-interval 1s
queue ttl 4s
action "sink" relay host smtp://127.0.0.1:$port_sink
match from local for domain "remote.test" action "sink"
match from local for domain "bounces.test" action "sink"
CF

start_sink "$port_sink" "$tmp/sink.log"

"$smtpd" -n -f "$tmp/smtpd.conf" >"$MTA_LOG" 2>&1 || mta_fail "OpenSMTPD's configuration was refused"
unshare -m bash -c 'mount --bind "$1" /var && exec "$2" -d -f "$3"' \
  _ "$tmp/var" "$smtpd" "$tmp/smtpd.conf" >>"$MTA_LOG" 2>&1 &
smtpd_pid=$!

# Refusals, bounced at once: one notice per mail, the last but one to two
# recipients; then the greylisted mail, warned of and then given up.
submit "$port_in" 0 '[["unknown@remote.test"], ["disabled@remote.test"], ["spam@remote.test"],
  ["big@remote.test"], ["blocked@remote.test"],
  ["unknown2@remote.test", "fullhard2@remote.test"], ["later@remote.test"]]'
wait_for 8
# (-h prints the version, then its usage, and exits 1)
{ "$smtpd" -h 2>&1 || true; } | sed -n 1p
check_notices opensmtpd "$tmp"
