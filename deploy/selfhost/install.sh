#!/bin/sh
# Installs (or upgrades) Wenzheng from this offline archive on a Linux VM with systemd. No network.
#   sudo ./install.sh                      # /opt/wenzheng, data in /var/lib/wenzheng
#   PREFIX=… DATA=… sudo ./install.sh      # other places
#   ROOT=/tmp/vm ./install.sh              # a rehearsal into a directory tree: no user, no systemctl
# An upgrade replaces the program (app, bin, tools, migrations) and keeps the data and secrets;
# pending migrations run when the service starts.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-/opt/wenzheng}
DATA=${DATA:-/var/lib/wenzheng}
ROOT=${ROOT:-}
UNITS=${UNITS:-/etc/systemd/system}

say() { printf '%s\n' "$*"; }

if [ -z "$ROOT" ] && ! getent passwd wenzheng >/dev/null 2>&1; then
  useradd --system --home-dir "$DATA" --shell /usr/sbin/nologin wenzheng
  say "created the system user wenzheng"
fi

# The program: replaced as a whole, so nothing of an older version lingers.
mkdir -p "$ROOT$PREFIX"
for part in app bin tools migrations cities; do
  rm -rf "$ROOT$PREFIX/$part.new"
  cp -a "$HERE/$part" "$ROOT$PREFIX/$part.new"
  rm -rf "$ROOT$PREFIX/$part"
  mv "$ROOT$PREFIX/$part.new" "$ROOT$PREFIX/$part"
done
cp "$HERE/VERSION" "$ROOT$PREFIX/VERSION"

# The data: created once, never replaced. Secrets missing from secrets.env are generated.
mkdir -p "$ROOT$DATA/state" "$ROOT$DATA/backups"
SECRETS="$ROOT$DATA/secrets.env"
[ -f "$SECRETS" ] || { say "# Wenzheng secrets (generated at install; keep private, back up with the data)." > "$SECRETS"; }
chmod 600 "$SECRETS"
while read -r name; do
  [ -n "$name" ] || continue
  if ! grep -q "^$name=" "$SECRETS"; then
    value=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    say "$name=$value" >> "$SECRETS"
    say "generated $name"
  fi
done < "$HERE/app/secrets.txt"
say '{"url":"http://127.0.0.1:8789"}' > "$ROOT$DATA/control.json"

DIRECTORIES=""
while read -r service subdir; do
  [ -n "$service" ] || continue
  mkdir -p "$ROOT$DATA/state/$subdir"
  DIRECTORIES="$DIRECTORIES --directory-path $service=$DATA/state/$subdir"
done < "$HERE/app/directories.txt"

mkdir -p "$ROOT$UNITS"
for unit in wenzheng.service wenzheng-tick.service wenzheng-tick.timer wenzheng-backup.service wenzheng-backup.timer; do
  sed -e "s#@PREFIX@#$PREFIX#g" -e "s#@DATA@#$DATA#g" -e "s#@DIRECTORIES@#$DIRECTORIES#g" \
    "$HERE/systemd/$unit" > "$ROOT$UNITS/$unit"
done
cp "$HERE/systemd/nginx.conf.example" "$ROOT$PREFIX/nginx.conf.example"

if [ -z "$ROOT" ]; then
  chown -R wenzheng:wenzheng "$DATA"
  systemctl daemon-reload
  systemctl enable --now wenzheng.service wenzheng-tick.timer wenzheng-backup.timer
  say "installed $(cat "$PREFIX/VERSION"); serving on 127.0.0.1:8788 (put TLS in front: $PREFIX/nginx.conf.example)."
else
  say "rehearsed into $ROOT: $PREFIX and $DATA laid out, units in $UNITS (nothing started)."
fi
say "Next: load the city and create the first admin (README: self-hosting)."
