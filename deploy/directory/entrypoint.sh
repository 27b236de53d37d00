#!/usr/bin/env bash
# Provisions once (state in /var/lib/samba) with the LDAPS certificate from this container's own secrets (the CA's
# private key never comes here), creates or repairs the services' accounts (service-accounts.sh), then runs the DC.
set -euo pipefail
SECRETS=${SSPR_DIRECTORY_SECRETS:-/run/secrets/sspr}
ADMIN_PASSWORD=$(cat "$SECRETS/admin-password")
if [ ! -f /var/lib/samba/private/sam.ldb ]; then
  mkdir -p /var/lib/samba/tls
  install -m 600 "$SECRETS/dc.key" /var/lib/samba/tls/dc.key
  install -m 644 "$SECRETS/dc.pem" /var/lib/samba/tls/dc.pem
  install -m 644 "$SECRETS/ca.pem" /var/lib/samba/tls/ca.pem
  rm -f /etc/samba/smb.conf
  samba-tool domain provision --realm=EXAMPLE.TEST --domain=EXAMPLE --server-role=dc --dns-backend=SAMBA_INTERNAL \
    --adminpass="$ADMIN_PASSWORD" --option="tls enabled = yes" --option="tls keyfile = /var/lib/samba/tls/dc.key" \
    --option="tls certfile = /var/lib/samba/tls/dc.pem" --option="tls cafile = /var/lib/samba/tls/ca.pem"
  samba-tool domain passwordsettings set --min-pwd-age=0
  for user in alice:Alice:Anders bob:Bob:Berg carol:Carol:Cruz; do
    IFS=: read -r name given surname <<<"$user"
    samba-tool user create "$name" "Demo-${name}-$(openssl rand -hex 4)!" --given-name="$given" --surname="$surname" \
      --mail-address="$name@example.test"
  done
fi
unset ADMIN_PASSWORD
bash /service-accounts.sh "$SECRETS"
exec samba -i -M single --debug-stdout
