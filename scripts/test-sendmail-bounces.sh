#!/usr/bin/env bash
# The bounces a real Sendmail writes, read by postvakt.
#
# Sendmail is the oldest of the MTAs still run; its notices hold the
# transcript of the SMTP session above the delivery-status fields. Its
# package would replace Postfix (each is the system's
# mail-transport-agent), so scripts/setup.sh unpacks Debian's
# sendmail-bin (8.17) and the m4 files of sendmail-cf into target/sendmail
# instead. This test builds a configuration from those files with m4 (its
# queue, pid file, aliases and routes in a temporary directory; mail for
# remote.test and bounces.test routed to tests/mta/sink.py, the receiving
# server that refuses recipients at remote.test the way real servers do),
# and starts Sendmail as a private daemon on 127.0.0.1. Sendmail insists
# on a host name with a dot in it and, without one, waits a minute for the
# name service; so it runs in a UTS namespace of its own (unshare -u)
# named mx.postvakt.test, and the machine's name is not touched. Sendmail
# bounces the permanent refusals at once; the greylisted recipient it
# retries, warns of after a second (Timeout.queuewarn) and returns after
# four (Timeout.queuereturn), with a second notice; and it bounces itself
# the mail to a local address whose alias hands it to a program that
# fails. `postvakt bounce --json` then reads the notices, and each record
# must come out as tests/mta/sendmail.json says. Stops everything it
# started; says so and exits 0 (skipped) where Sendmail is not unpacked,
# m4 is missing, or no UTS namespace can be made.
#
#   scripts/test-sendmail-bounces.sh
#
# Sendmail's daemon and the namespace need root: run as root, or with
# sudo that needs no password.
set -euo pipefail
# shellcheck source=scripts/mta-bounces.sh
. "$(dirname "$0")/mta-bounces.sh"

sendmail="$SENDMAIL_ROOT/usr/libexec/sendmail/sendmail"
cf_dir="$SENDMAIL_ROOT/usr/share/sendmail/cf"
if [ ! -x "$sendmail" ] || [ ! -f "$cf_dir/m4/cf.m4" ] || ! command -v m4 >/dev/null; then
  echo "skipped: Sendmail is not unpacked in $SENDMAIL_ROOT, or m4 is missing (scripts/setup.sh sees to both)"
  exit 0
fi
mta_as_root Sendmail "$@"
need_namespace -u "Sendmail waits for a host name with a dot in it"

mta_tmp sendmail
mkdir -p "$tmp/queue"
chmod 700 "$tmp/queue"
stop() {
  # The daemon leads its own process group, with the queue runners it
  # started: all of them go, and are waited for, before their queue does.
  local pid
  pid=$(sed -n 1p "$tmp/sendmail.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -- "-$pid" 2>/dev/null; then
    for _ in $(seq 50); do
      kill -0 -- "-$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  [ -z "$sink_pid" ] || kill "$sink_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap stop EXIT

read -r port_in port_sink < <(free_ports 2)
# Sendmail logs to syslog only; what a failed step shows is its queue
# (each mail's state and last error).
MTA_LOG="$tmp/queue"

# Host names from /etc/hosts, never from DNS; notices to the postmaster
# (of mail that could not be returned) thrown away; one local address
# delivered to a program that fails (a ticket system's pipe, say).
printf 'hosts files\naliases files\n' >"$tmp/service.switch"
printf 'postmaster: /dev/null\nroot: /dev/null\nbroken: |/bin/false\n' >"$tmp/aliases"
cat >"$tmp/test.mc" <<MC
divert(-1)
include(\`$cf_dir/m4/cf.m4')
VERSIONID(\`postvakt bounce test')
OSTYPE(\`linux')
define(\`QUEUE_DIR', \`$tmp/queue')
define(\`STATUS_FILE', \`$tmp/statistics')
define(\`confPID_FILE', \`$tmp/sendmail.pid')
define(\`confSERVICE_SWITCH_FILE', \`$tmp/service.switch')
define(\`ALIAS_FILE', \`$tmp/aliases')
dnl /tmp is writable by all; its sticky bit keeps others' hands off.
define(\`confDONT_BLAME_SENDMAIL', \`TrustStickyBit')
define(\`confDOMAIN_NAME', \`mx.postvakt.test')
dnl A mail still queued after a second is warned of; after four it is
dnl returned.
define(\`confTO_QUEUEWARN', \`1s')
define(\`confTO_QUEUERETURN', \`4s')
define(\`ESMTP_MAILER_ARGS', \`TCP \$h $port_sink')
FEATURE(\`nocanonify')
FEATURE(\`mailertable', \`hash $tmp/mailertable')
FEATURE(\`accept_unresolvable_domains')
DAEMON_OPTIONS(\`Port=$port_in, Addr=127.0.0.1, Name=MTA')
MAILER(\`local')
MAILER(\`smtp')
MC
m4 "$tmp/test.mc" >"$tmp/sendmail.cf" 2>"$tmp/m4.log" || { cat "$tmp/m4.log" >&2; mta_fail "m4 could not build sendmail.cf"; }
# (makemap warns that /tmp is writable by all: shown only if it fails)
printf 'remote.test\tesmtp:[127.0.0.1]\nbounces.test\tesmtp:[127.0.0.1]\n' |
  "$SENDMAIL_ROOT/usr/libexec/sendmail/makemap" -C "$tmp/sendmail.cf" hash "$tmp/mailertable" 2>"$tmp/makemap.log" ||
  { cat "$tmp/makemap.log" >&2; mta_fail "makemap could not build the mail routes"; }

start_sink "$port_sink" "$tmp/sink.log"

# Runs Sendmail (every start of it looks its host name up) in a UTS
# namespace of its own, named mx.postvakt.test.
named_sendmail() { unshare -u sh -c 'hostname mx.postvakt.test && exec "$@"' _ "$sendmail" "$@"; }

# The daemon runs the queue every second.
named_sendmail -C "$tmp/sendmail.cf" -bd -q1s 2>"$tmp/start.log" ||
  { cat "$tmp/start.log" >&2; mta_fail "Sendmail did not start"; }

# Refusals, bounced at once: one notice per mail, the sixth to two
# recipients; the greylisted mail, warned of and then returned; the
# program that fails.
submit "$port_in" 0 '[["unknown@remote.test"], ["disabled@remote.test"], ["spam@remote.test"],
  ["big@remote.test"], ["blocked@remote.test"],
  ["unknown2@remote.test", "fullhard2@remote.test"], ["later@remote.test"], ["broken@localhost"]]'
wait_for 9
named_sendmail -C "$tmp/sendmail.cf" -d0.1 -bt </dev/null 2>/dev/null | sed -n 1p
check_notices sendmail "$tmp"
