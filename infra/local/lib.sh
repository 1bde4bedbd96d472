# shellcheck shell=bash
# Shared helpers for infra/local/*.sh and ./parkops. Source it, do not run it.
#
# Conventions used by every script that sources this file:
#   - progress and errors go to stderr, so that stdout carries only the result
#     (e.g. the URL of a started service as the last line) and callers can do
#     url=$(infra/local/influxdb.sh start | tail -n 1);
#   - exit code 3 means "a required program is missing and we may not install it".

# log MESSAGE...: one line to stderr, prefixed with the script name.
log() { printf '%s: %s\n' "${LOG_PREFIX:-${0##*/}}" "$*" >&2; }

# die CODE MESSAGE...: log and exit with CODE.
die() {
  local code=$1
  shift
  log "$@"
  exit "$code"
}

# can_install: true when we are allowed and able to install Debian packages
# ourselves: root, apt-get present, and the user did not opt out with
# PARKOPS_NO_INSTALL (any non-empty value).
can_install() {
  [[ -z "${PARKOPS_NO_INSTALL:-}" ]] && [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1
}

# apt_install PKG...: install Debian packages non-interactively. Output goes to
# stderr (stdout is reserved for results). A fresh machine or container often
# has empty package lists, so `apt-get update` runs first when there are none,
# and once more if the install fails (stale lists give 404s / unknown packages).
apt_install() {
  log "installing Debian packages: $* (set PARKOPS_NO_INSTALL=1 to forbid this)"
  export DEBIAN_FRONTEND=noninteractive
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    apt-get update >&2 || return 1
  fi
  if ! apt-get install -y --no-install-recommends "$@" >&2; then
    apt-get update >&2 && apt-get install -y --no-install-recommends "$@" >&2
  fi
}

# find_cmd NAME: print the path of program NAME. Also looks in the sbin
# directories, which are not on a normal user's PATH on Debian but hold
# e.g. /usr/sbin/mosquitto.
find_cmd() {
  local name=$1 dir
  if command -v "$name" 2>/dev/null; then
    return 0
  fi
  for dir in /usr/sbin /sbin /usr/local/sbin; do
    if [[ -x "$dir/$name" ]]; then
      echo "$dir/$name"
      return 0
    fi
  done
  return 1
}

# require_cmd NAME "PKG..." : make sure program NAME exists, installing the
# Debian packages PKG... when allowed (see can_install); otherwise exit 3 with
# the command the user has to run.
require_cmd() {
  local name=$1 pkgs=$2
  find_cmd "$name" >/dev/null && return 0
  if can_install; then
    # shellcheck disable=SC2086 # pkgs is a word list on purpose
    apt_install $pkgs || die 3 "could not install '$pkgs' (needed for '$name'); see the apt-get output above"
    find_cmd "$name" >/dev/null && return 0
    die 3 "installed '$pkgs' but '$name' is still not found"
  fi
  local why="not running as root"
  if [[ -n "${PARKOPS_NO_INSTALL:-}" ]]; then
    why="PARKOPS_NO_INSTALL is set"
  elif ! command -v apt-get >/dev/null 2>&1; then
    why="no apt-get on this machine"
  fi
  die 3 "'$name' is missing and will not be installed automatically ($why)." \
    "Install it with: sudo apt-get install -y $pkgs (Debian/Ubuntu package names; other systems: install the equivalent package)."
}

# used_ports: print every local TCP port currently bound (any state), one per
# line. Reads /proc/net/tcp{,6} directly so it needs no python3, ss or netstat
# (a bare CI container often has none of them); falls back to ss elsewhere.
used_ports() {
  local f sl local_addr rest
  if [[ -r /proc/net/tcp ]]; then
    for f in /proc/net/tcp /proc/net/tcp6; do
      [[ -r $f ]] || continue
      # columns: sl local_address rem_address st ... ; local_address is HEXIP:HEXPORT
      while read -r sl local_addr rest; do
        [[ $sl == sl ]] && continue
        [[ ${local_addr##*:} =~ ^[0-9A-Fa-f]+$ ]] || continue # a line cut short while the kernel rewrote the table
        echo $((16#${local_addr##*:}))
      done <"$f"
    done
  elif command -v ss >/dev/null 2>&1; then
    ss -Htan 2>/dev/null | awk '{ n = split($4, a, ":"); print a[n] }'
  fi
}

# port_is_free PORT: nothing bound to PORT and nothing answers on it.
port_is_free() {
  local port=$1
  if used_ports | grep -qx "$port"; then
    return 1
  fi
  # Second opinion that works everywhere bash does: try to connect.
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# free_port [EXCLUDED_PORT...]: print a TCP port that is free on 127.0.0.1.
# Picks at random from 20000-32767: below Linux's ephemeral range
# (32768-60999), so outgoing connections do not grab it before the service
# binds it, and random so that scripts started in parallel rarely pick the
# same port (the start scripts retry on a clash anyway).
# shellcheck disable=SC2120 # callers may pass ports to exclude
free_port() {
  local port tries used
  used=" $(used_ports | tr '\n' ' ') $* "
  for ((tries = 0; tries < 200; tries++)); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 12768))
    [[ $used == *" $port "* ]] && continue
    # something may listen where /proc is not ours to see: try to connect
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    echo "$port"
    return 0
  done
  return 1
}

# pid_alive PID: process exists and is not a zombie. (In containers without a
# real init, an exited daemon can stay a zombie forever, and `kill -0` would
# still succeed on it.)
pid_alive() {
  local pid=$1 state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r /proc/$pid/stat ]]; then
    # field 3 of /proc/PID/stat is the state; the command name (field 2) may
    # contain spaces, so cut at the last ')'.
    state=$(sed -E 's/^.*\) ([A-Za-z]).*$/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
    [[ $state != Z && $state != X ]]
  fi
}

# read_pid FILE: print the pid stored in FILE if that process is alive.
read_pid() {
  local file=$1 pid
  [[ -r $file ]] || return 1
  pid=$(tr -dc '0-9' <"$file")
  pid_alive "$pid" || return 1
  echo "$pid"
}

# spawn_detached PIDFILE LOGFILE CMD...: start CMD in the background, in its
# own session (so Ctrl-C in the terminal that started it, or closing that
# terminal, does not stop it: `./parkops run` leaves InfluxDB running on
# purpose), with stdin from /dev/null and stdout+stderr appended to LOGFILE.
# The inner shell writes its own pid and then execs CMD, so PIDFILE holds the
# pid of CMD itself whether or not setsid had to fork.
spawn_detached() {
  local pidfile=$1 logfile=$2
  shift 2
  local launcher=()
  if command -v setsid >/dev/null 2>&1; then
    launcher=(setsid)
  else
    launcher=(nohup)
  fi
  rm -f "$pidfile"
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  "${launcher[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
  # wait (briefly) for the pid file so the caller can read it right away
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s $pidfile ]] && return 0
    sleep 0.1
  done
  return 1
}

# stop_pid PIDFILE NAME [TIMEOUT_S]: SIGTERM the process in PIDFILE, wait for it
# to exit (SIGKILL after TIMEOUT_S, default 20), then remove PIDFILE.
# Only signals the pid when its command line mentions NAME, so a stale pid file
# whose pid was reused by another program never gets that program killed.
stop_pid() {
  local pidfile=$1 name=$2 timeout=${3:-20} pid i
  if ! pid=$(read_pid "$pidfile"); then
    rm -f "$pidfile"
    log "$name is not running (no live pid in $pidfile)"
    return 0
  fi
  if [[ -r /proc/$pid/cmdline ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$name"; then
    log "pid $pid from $pidfile is not $name any more; removing the stale pid file only"
    rm -f "$pidfile"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    log "$name (pid $pid) did not exit within ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      pid_alive "$pid" || break
      sleep 0.1
    done
  fi
  rm -f "$pidfile"
  log "$name (pid $pid) stopped"
}

# parse_service_args "$@": the common command line of the start scripts:
#   ACTION [--dir DIR] [--port PORT|auto]   (also --dir=DIR / --port=PORT)
# Sets ACTION, DIR (empty = not given) and PORT (empty = default).
# shellcheck disable=SC2034 # the variables are for the calling script
parse_service_args() {
  ACTION=""
  DIR=""
  PORT=""
  while (($#)); do
    case $1 in
    --dir) [[ $# -ge 2 ]] || die 2 "--dir needs a value"; DIR=$2; shift 2 ;;
    --dir=*) DIR=${1#*=}; shift ;;
    --port) [[ $# -ge 2 ]] || die 2 "--port needs a value"; PORT=$2; shift 2 ;;
    --port=*) PORT=${1#*=}; shift ;;
    -h | --help | help) ACTION=help; shift ;;
    start | stop | status | restart) [[ -z $ACTION ]] || die 2 "only one action, got '$ACTION' and '$1'"; ACTION=$1; shift ;;
    *) die 2 "unknown argument '$1' (try --help)" ;;
    esac
  done
  if [[ -n $PORT && $PORT != auto ]] && ! [[ $PORT =~ ^[0-9]+$ && $PORT -le 65535 ]]; then
    die 2 "--port must be a number 0-65535 or 'auto', got '$PORT'"
  fi
  [[ $PORT == 0 ]] && PORT=auto
  return 0
}

# abs_dir DIR: print DIR as an absolute path (DIR must exist).
abs_dir() { (cd "$1" && pwd -P); }

# http_status URL: print the HTTP status code of a GET on URL ("000" when
# nothing answers). Uses curl when present; otherwise speaks HTTP/1.0 over
# bash's /dev/tcp (plain http:// only), so the scripts also work on a machine
# without curl.
http_status() {
  local url=$1
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 3 -w '%{http_code}\n' "$url" 2>/dev/null || true
    return 0
  fi
  local rest hostport host port path line
  if [[ $url != http://* ]]; then
    echo 000
    return 0
  fi
  rest=${url#http://}
  hostport=${rest%%/*}
  path=${rest#"$hostport"}
  [[ -n $path ]] || path=/
  host=${hostport%:*}
  port=${hostport##*:}
  [[ $hostport == *:* ]] || port=80
  line=$(
    exec 2>/dev/null # no "connection refused" noise: 000 says it
    exec 3<>"/dev/tcp/$host/$port" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&3
    IFS= read -r -t 3 line <&3 && echo "$line"
  ) || true
  # status line: HTTP/1.1 204 No Content
  if [[ $line =~ ^HTTP/[0-9.]+\ ([0-9]{3}) ]]; then
    echo "${BASH_REMATCH[1]}"
  else
    echo 000
  fi
}

# url_host URL / url_port URL DEFAULT: split scheme://host:port/... (IPv6
# literals in brackets are kept with their brackets).
url_host() {
  local hp=${1#*://}
  hp=${hp%%/*}
  hp=${hp##*@}
  if [[ $hp == \[* ]]; then
    echo "${hp%%]*}]"
  else
    echo "${hp%%:*}"
  fi
}
url_port() {
  local hp=${1#*://}
  hp=${hp%%/*}
  hp=${hp##*@}
  hp=${hp##*]}
  if [[ $hp == *:* && ${hp##*:} =~ ^[0-9]+$ ]]; then
    echo "${hp##*:}"
  else
    echo "$2"
  fi
}

# is_loopback HOST: localhost, 127.x.y.z or [::1].
is_loopback() {
  case $1 in
  localhost | 127.* | "[::1]" | ::1) return 0 ;;
  *) return 1 ;;
  esac
}

# ---- one private service's life cycle (start / stop / status) ----------------
# The start scripts describe their service with these variables and functions,
# then call service_start, service_stop or service_status:
#   SVC_NAME      what people call it ("InfluxDB")
#   SVC_FILE      base name of DIR/<file>.pid, .log and .url ("influxd")
#   SVC_SCRIPT    the script, for hints ("influxdb.sh")
#   SVC_CLASH     extended regex that marks a port clash in the service's log
#   svc_answers URL       exit 0 when the service at URL answers
#   svc_launch PORT LOG   pick any further ports, write the config, set SVC_URL,
#                         spawn the service (pid file DIR/<file>.pid); exit 0 on spawn
#   svc_version BINARY    print its version
# DIR, PORT, DEFAULT_PORT, START_TIMEOUT_S and HERE come from the script.

# service_start: reuse a running instance from DIR, or start one (retrying
# other free ports when --port auto loses a race) and print its URL last.
service_start() {
  local pidfile="$DIR/$SVC_FILE.pid" logfile="$DIR/$SVC_FILE.log" urlfile="$DIR/$SVC_FILE.url"
  local pid url
  if pid=$(read_pid "$pidfile"); then
    url=$(cat "$urlfile" 2>/dev/null || true)
    if [[ -n $url ]] && svc_answers "$url"; then
      if [[ -n $PORT && $PORT != auto && $url != *":$PORT" ]]; then
        die 1 "$SVC_NAME from $DIR is already running at $url (pid $pid), not on port $PORT; stop it first: infra/local/$SVC_SCRIPT stop --dir $DIR"
      fi
      log "$SVC_NAME from $DIR is already running (pid $pid)"
      echo "$url"
      return 0
    fi
    die 1 "$SVC_NAME from $DIR runs (pid $pid) but does not answer at ${url:-?}; see $logfile or stop it: infra/local/$SVC_SCRIPT stop --dir $DIR"
  fi

  local auto=0 attempts=1 attempt port i
  [[ -z $PORT ]] && PORT=$DEFAULT_PORT
  if [[ $PORT == auto ]]; then
    auto=1
    attempts=3 # a parallel starter may grab "our" free port first: retry
  elif ! port_is_free "$PORT"; then
    die 1 "port $PORT on 127.0.0.1 is already in use (another $SVC_NAME?); pick another with --port or use --port auto"
  fi

  for ((attempt = 1; attempt <= attempts; attempt++)); do
    if ((auto)); then
      # shellcheck disable=SC2119 # no ports to exclude
      port=$(free_port) || die 1 "found no free TCP port"
    else
      port=$PORT
    fi
    SVC_URL=""
    svc_launch "$port" "$logfile" || die 1 "$SVC_NAME did not start; see $logfile"
    url=$SVC_URL
    echo "$url" >"$urlfile"
    pid=$(tr -dc '0-9' <"$pidfile")

    for ((i = 0; i < START_TIMEOUT_S * 5; i++)); do
      pid_alive "$pid" || break
      if svc_answers "$url"; then
        log "$SVC_NAME $(svc_version) is up at $url (pid $pid, dir $DIR, log $logfile)"
        log "stop it with: $HERE/$SVC_SCRIPT stop --dir $DIR"
        echo "$url"
        return 0
      fi
      sleep 0.2
    done

    if pid_alive "$pid"; then
      # alive but never answered: do not leave a half-started server behind
      stop_pid "$pidfile" "$SVC_FILE" 5 || true
      tail -n 20 "$logfile" >&2 || true
      die 1 "$SVC_NAME did not answer at $url within ${START_TIMEOUT_S}s; log: $logfile"
    fi
    rm -f "$pidfile"
    if ((auto)) && tail -n 30 "$logfile" | grep -Eqi "$SVC_CLASH"; then
      log "port clash at $url (someone else took a port meanwhile); trying other ports"
      continue
    fi
    tail -n 20 "$logfile" >&2 || true
    die 1 "$SVC_NAME exited during start-up; log: $logfile"
  done
  die 1 "$SVC_NAME could not bind free ports after $attempts attempts; log: $logfile"
}

service_stop() {
  [[ -n $DIR ]] || die 2 "stop needs --dir DIR (the directory given to or printed by 'start')"
  [[ -d $DIR ]] || die 1 "no such directory: $DIR"
  stop_pid "$DIR/$SVC_FILE.pid" "$SVC_FILE"
}

service_status() {
  [[ -n $DIR ]] || die 2 "status needs --dir DIR"
  local pid url
  if ! pid=$(read_pid "$DIR/$SVC_FILE.pid"); then
    log "$SVC_NAME from $DIR is not running"
    return 1
  fi
  url=$(cat "$DIR/$SVC_FILE.url" 2>/dev/null || true)
  if [[ -n $url ]] && svc_answers "$url"; then
    log "$SVC_NAME from $DIR is running (pid $pid)"
    echo "$url"
    return 0
  fi
  log "$SVC_NAME from $DIR runs (pid $pid) but does not answer at ${url:-?}"
  return 1
}
