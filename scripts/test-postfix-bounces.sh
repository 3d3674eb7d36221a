#!/usr/bin/env bash
# The bounces a real Postfix writes, read by postvakt.
#
# Starts Debian's Postfix as a private instance (its own configuration,
# queue and log in a temporary directory, listening on 127.0.0.1 only; the
# system's mail setup is not touched) and a receiving server
# (tests/mta/sink.py) that plays the remote servers: it refuses
# recipients at remote.test the way real servers do and accepts what comes
# back to bounces.test. Test mails are submitted over SMTP; Postfix tries
# them once (maximal_queue_lifetime = 0) and sends its bounces, which the
# sink stores (two come from Postfix's own delivery agents: local(8) for a
# user that does not exist, virtual(8) for a mailbox over quota); then, with a queue lifetime again, one more mail stays
# deferred and Postfix sends its delay warning ("Delayed Mail (still being
# retried)"). `postvakt bounce --json` then reads them, and each recipient
# must come out as tests/mta/postfix.json says. Stops everything it
# started, and says so and exits 0 (skipped) where Postfix is not installed.
#
#   scripts/test-postfix-bounces.sh
#
# Postfix's master runs as root: run as root, or with sudo that needs no
# password.
set -euo pipefail
# shellcheck source=scripts/mta-bounces.sh
. "$(dirname "$0")/mta-bounces.sh"

if [ ! -x /usr/sbin/postfix ]; then
  echo "skipped: Postfix is not installed (apt install postfix; scripts/setup.sh does)"
  exit 0
fi
# Postfix's master runs as root.
mta_as_root Postfix "$@"

# (Postfix's daemons run as the postfix user and must reach the queue.)
mta_tmp postfix
etc="$tmp/etc"
mkdir -p "$etc" "$tmp/spool" "$tmp/data"
chown postfix "$tmp/data"
stop() {
  /usr/sbin/postfix -c "$etc" stop >/dev/null 2>&1 || true
  [ -z "$sink_pid" ] || kill "$sink_pid" 2>/dev/null || true
  # master may take a moment to take its children down.
  for _ in $(seq 50); do
    pgrep -f "master -c $etc" >/dev/null || break
    sleep 0.1
  done
  pkill -f "master -c $etc" 2>/dev/null || true
  rm -rf "$tmp"
}
trap stop EXIT

# Three free ports: Postfix's smtpd, the sink, and one nothing listens on
# (a receiving server that is down).
read -r port_in port_sink port_down < <(free_ports 3)
MTA_LOG="$tmp/maillog"

cat >"$etc/main.cf" <<CF
compatibility_level = 3.6
queue_directory = $tmp/spool
data_directory = $tmp/data
maillog_file = $tmp/maillog
maillog_file_prefixes = $tmp
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.postvakt.test
mydomain = postvakt.test
myorigin = \$myhostname
mydestination = localhost, \$myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
# Every local name is accepted at SMTP time, so an unknown one is bounced
# by local(8) rather than refused.
local_recipient_maps =
alias_maps =
alias_database =
transport_maps = inline:{remote.test=smtp:[127.0.0.1]:$port_sink, bounces.test=smtp:[127.0.0.1]:$port_sink, down.test=smtp:[127.0.0.1]:$port_down}
smtp_dns_support_level = disabled
smtputf8_enable = no
# One try, then a bounce; the queue is looked at every second.
maximal_queue_lifetime = 0
bounce_queue_lifetime = 0
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
biff = no
# A mailbox over quota: virtual(8) delivers quota@virt.test to an mbox file
# under $tmp/vmail, no larger than virtual_mailbox_limit (which may not be
# smaller than message_size_limit), and that file is already full.
virtual_mailbox_domains = virt.test
virtual_mailbox_base = $tmp/vmail
virtual_mailbox_maps = inline:{quota@virt.test=quota}
virtual_mailbox_limit = 10240000
message_size_limit = 10240000
virtual_uid_maps = static:$(id -u postfix)
virtual_gid_maps = static:$(id -g postfix)
CF
# The stock services, none chrooted (the chroot would need a copy of the
# system's files); smtpd on the port chosen above.
sed -e "s/^smtp\( *\)inet/127.0.0.1:$port_in inet/" /usr/share/postfix/master.cf.dist >"$etc/master.cf"
/usr/sbin/postconf -c "$etc" -F '*/*/chroot = n'
mkdir "$tmp/vmail"
head -c 10240000 /dev/zero >"$tmp/vmail/quota"
chown -R postfix "$tmp/vmail"

start_sink "$port_sink" "$tmp/sink.log"

# Postfix's commands say what is wrong on a terminal only, so a failing
# start shows the log it wrote.
/usr/sbin/postfix -c "$etc" start >/dev/null 2>&1 || mta_fail "Postfix did not start"

# Failures, tried once: one bounce per mail, the last but one to two
# recipients.
submit "$port_in" 0 '[["unknown@remote.test"], ["full@remote.test"], ["fullhard@remote.test"],
  ["disabled@remote.test"], ["spam@remote.test"], ["big@remote.test"],
  ["blocked@remote.test"], ["nosuchuser@localhost"], ["kari@down.test"],
  ["unknown2@remote.test", "fullhard2@remote.test"], ["quota@virt.test"]]'
wait_for 11
# A delay: with a queue lifetime again, a refused mail stays queued, and
# Postfix warns the sender once it has waited delay_warning_time.
/usr/sbin/postconf -c "$etc" -e maximal_queue_lifetime=1h bounce_queue_lifetime=1h delay_warning_time=1s
/usr/sbin/postfix -c "$etc" reload >/dev/null 2>&1
submit "$port_in" 11 '[["later@remote.test"]]'
wait_for 12
check_notices postfix "$tmp"
