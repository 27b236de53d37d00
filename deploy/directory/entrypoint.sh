#!/usr/bin/env bash
# Provisions once (state in /var/lib/samba), writes the CA to /tls/ca.pem for the services, then runs the DC.
set -euo pipefail
: "${ADMIN_PASSWORD:?set ADMIN_PASSWORD}"
if [ ! -f /var/lib/samba/private/sam.ldb ]; then
  mkdir -p /tls
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=SSPR demo CA" -keyout /tls/ca.key -out /tls/ca.pem
  openssl req -newkey rsa:2048 -nodes -subj "/CN=directory" -keyout /tls/dc.key -out /tls/dc.csr
  printf 'subjectAltName=DNS:directory,DNS:localhost,IP:127.0.0.1\n' >/tls/san.ext
  openssl x509 -req -in /tls/dc.csr -CA /tls/ca.pem -CAkey /tls/ca.key -CAcreateserial -days 825 \
    -extfile /tls/san.ext -out /tls/dc.pem
  chmod 600 /tls/dc.key
  rm -f /etc/samba/smb.conf
  samba-tool domain provision --realm=EXAMPLE.TEST --domain=EXAMPLE --server-role=dc --dns-backend=SAMBA_INTERNAL \
    --adminpass="$ADMIN_PASSWORD" --option="tls enabled = yes" --option="tls keyfile = /tls/dc.key" \
    --option="tls certfile = /tls/dc.pem" --option="tls cafile = /tls/ca.pem"
  samba-tool domain passwordsettings set --min-pwd-age=0
  for user in alice:Alice:Anders bob:Bob:Berg carol:Carol:Cruz; do
    IFS=: read -r name given surname <<<"$user"
    samba-tool user create "$name" "Demo-${name}-$(openssl rand -hex 4)!" --given-name="$given" --surname="$surname" \
      --mail-address="$name@example.test"
  done
fi
exec samba -i -M single --debug-stdout
