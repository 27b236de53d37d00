#!/usr/bin/env bash
# Makes the secrets of docker-compose.yml (and of the Kubernetes lab overlay), one folder per holder, the same layout
# deploy/local/stack uses under target/local-stack/secrets:
#
#   deploy/compose/secrets.sh [DIR]     default DIR: deploy/compose/secrets (git-ignored)
#   deploy/compose/secrets.sh deploy/k8s/overlays/local/secrets     the Kubernetes lab overlay's Secrets
#
# Per holder (io.sspr.events.crypto.KeyHolders gives the key files; Keysets generate writes them):
#   reset-portal/       keys/..., kafka-password, postgres-password, postgres-owner-password (its migration step),
#                       jwt-public.pem
#   policy-validator/   keys/..., kafka-password, ldap-password (svc-sspr-reader), jwt-public.pem
#   writeback-worker/   keys/..., kafka-password, postgres-password, postgres-owner-password,
#                       ldap-password (svc-sspr-writeback), ldap-sync-password (svc-sspr-reader), jwt-public.pem
#   audit-service/      keys/..., kafka-password, postgres-password, postgres-owner-password, jwt-public.pem
#   admin/              keys/..., jwt-private.pem (operator, auditor and help-desk tokens), kafka-password (sspr-admin),
#                       postgres-password (the database superuser), ldap-password (the demo DC's Administrator):
#                       the operator's, never mounted into a service
#   kafka-broker/       kafka-password (sspr-broker: the broker's own connections)
#   ca/                 ca.key, ca.pem: the demo DC's certificate authority; ca.key is never mounted anywhere
#   directory/          dc.key, dc.pem: the demo DC's LDAPS certificate (the DC container only)
# Existing files are kept (keys that sealed or signed events in flight stay valid); delete DIR to start again.
# Folders are 0700, so only the owner reaches them on the host. The files are 0644: compose bind-mounts each one into
# the one container that uses it, whose user (185 in the service images) must be able to read it there.
# Needs java 17, openssl and the events jar (mvn -B -q -pl events -am install -DskipTests).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR=${1:-$ROOT/deploy/compose/secrets}
SERVICES=(reset-portal policy-validator writeback-worker audit-service)
DATABASE_SERVICES=(reset-portal writeback-worker audit-service)

jar=$(ls "$ROOT"/events/target/events-*.jar 2>/dev/null | grep -Ev -- '-(sources|tests)\.jar$' | head -n1 || true)
[ -n "$jar" ] || { echo "build the events module first: mvn -B -q -pl events -am install -DskipTests" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is missing" >&2; exit 1; }

umask 077
mkdir -p "$DIR"
java -cp "$jar:$ROOT/events/target/lib/*" io.sspr.events.crypto.Keysets generate "$DIR" >&2

folder() { mkdir -p "$DIR/$1"; chmod 700 "$DIR/$1"; printf '%s' "$DIR/$1"; }
# secret FILE VALUE: writes VALUE (no newline) unless FILE exists
secret() { [ -s "$1" ] || printf '%s' "$2" >"$1"; }
password() { openssl rand -hex 24; }
# AD passwords need upper, lower and digits
ad_password() { printf 'Svc-%s-%s-9z' "$(openssl rand -hex 12)" "$(openssl rand -hex 4 | tr a-f A-F)"; }

for holder in "${SERVICES[@]}" admin kafka-broker; do
  secret "$(folder "$holder")/kafka-password" "$(password)"
done
for svc in "${DATABASE_SERVICES[@]}"; do
  secret "$(folder "$svc")/postgres-password" "$(password)"
  secret "$(folder "$svc")/postgres-owner-password" "$(password)"
done
secret "$(folder admin)/postgres-password" "$(password)"
secret "$(folder admin)/ldap-password" "$(ad_password)"
secret "$(folder writeback-worker)/ldap-password" "$(ad_password)"
# the reader's one password, in the two folders of those who bind as it
reader=$(cat "$DIR/policy-validator/ldap-password" 2>/dev/null || cat "$DIR/writeback-worker/ldap-sync-password" 2>/dev/null || ad_password)
secret "$(folder policy-validator)/ldap-password" "$reader"
secret "$(folder writeback-worker)/ldap-sync-password" "$reader"

admin=$(folder admin)
[ -s "$admin/jwt-private.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$admin/jwt-private.pem" 2>/dev/null
for holder in audit-service writeback-worker policy-validator reset-portal; do
  openssl pkey -in "$admin/jwt-private.pem" -pubout -out "$(folder "$holder")/jwt-public.pem" 2>/dev/null
done

ca=$(folder ca) dc=$(folder directory)
if [ ! -s "$ca/ca.key" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=SSPR demo CA" -keyout "$ca/ca.key" -out "$ca/ca.pem" 2>/dev/null
fi
if [ ! -s "$dc/dc.key" ]; then
  openssl req -newkey rsa:2048 -nodes -subj "/CN=directory" -keyout "$dc/dc.key" -out "$dc/dc.csr" 2>/dev/null
  printf 'subjectAltName=DNS:directory,DNS:localhost,IP:127.0.0.1\n' >"$dc/san.ext"
  openssl x509 -req -in "$dc/dc.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca.key" -CAcreateserial -days 825 \
    -extfile "$dc/san.ext" -out "$dc/dc.pem" 2>/dev/null
  rm -f "$dc/dc.csr" "$dc/san.ext" "$ca/ca.srl"
fi

find "$DIR" -type d -exec chmod 700 {} +
find "$DIR" -type f -exec chmod 644 {} +
chmod 600 "$ca/ca.key" "$admin/jwt-private.pem"
echo "secrets in $DIR/<holder>/" >&2
