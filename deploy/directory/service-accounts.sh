#!/usr/bin/env bash
# The services' directory accounts on the compose DC, as deploy/local/stack makes them on the local one (idempotent):
#   svc-sspr-writeback  the worker's writes: on CN=Users, for descendant user objects only, Reset Password, Change
#                       Password, write pwdLastSet and lockoutTime, read properties; denied on protected accounts
#   svc-sspr-reader     the validator and the worker's sync: what Authenticated Users read, plus the PSOs' settings
# Passwords from this container's secrets (writeback-password, reader-password), set again on every start.
set -euo pipefail
SECRETS=$1
BASE_DN="DC=example,DC=test"
OU="OU=SSPR Service Accounts,$BASE_DN"
SAM=/var/lib/samba/private/sam.ldb
GUID_RESET_PASSWORD=00299570-246d-11d0-a768-00aa006e0529
GUID_CHANGE_PASSWORD=ab721a53-1e2f-11d0-9819-00aa0040529b
GUID_PWD_LAST_SET=bf967a0a-0de6-11d0-a285-00aa003049e2
GUID_LOCKOUT_TIME=28630ebf-41d5-11d1-a9c1-0000f80367c1
GUID_USER=bf967aba-0de6-11d0-a285-00aa003049e2
GUID_PSO=3bcd9db8-f84b-451c-952f-6c52b81f9ec6

exists() { ldbsearch -H "$SAM" -s base -b "$1" dn 2>/dev/null | grep -q '^dn: '; }
sid_of() { ldbsearch -H "$SAM" -b "$BASE_DN" "(sAMAccountName=$1)" objectSid 2>/dev/null | awk '/^objectSid: /{print $2}'; }
schema_guid() {
  ldbsearch -H "$SAM" -b "CN=Schema,CN=Configuration,$BASE_DN" "(lDAPDisplayName=$1)" schemaIDGUID 2>/dev/null |
    awk '/^schemaIDGUID: /{print tolower($2)}'
}
grant() { local object=$1; shift; samba-tool dsacl set --objectdn="$object" --sddl="$(printf '%s' "$@")" >/dev/null; }
account() {
  local name=$1 password
  password=$(cat "$SECRETS/$2")
  if ! exists "CN=$name,$OU"; then
    samba-tool user create "$name" "$password" --userou="OU=SSPR Service Accounts" --description="$3"
    samba-tool user setexpiry "$name" --noexpiry
  else
    samba-tool user setpassword "$name" --newpassword="$password" >/dev/null
  fi
}

exists "$OU" || samba-tool ou create "$OU" --description="SSPR service accounts (outside the delegated CN=Users)"
account svc-sspr-writeback writeback-password "SSPR writeback-worker: resets, changes and unlocks users in CN=Users"
account svc-sspr-reader reader-password "SSPR policy-validator and directory sync: read-only"
writer=$(sid_of svc-sspr-writeback) reader=$(sid_of svc-sspr-reader)
grant "CN=Users,$BASE_DN" "(OA;CIIO;CR;$GUID_RESET_PASSWORD;$GUID_USER;$writer)" \
  "(OA;CIIO;CR;$GUID_CHANGE_PASSWORD;$GUID_USER;$writer)" "(OA;CIIO;WP;$GUID_PWD_LAST_SET;$GUID_USER;$writer)" \
  "(OA;CIIO;WP;$GUID_LOCKOUT_TIME;$GUID_USER;$writer)" "(OA;CIIO;RP;;$GUID_USER;$writer)"
while IFS= read -r protected; do
  [ -n "$protected" ] && grant "$protected" "(D;;WPCRSW;;;$writer)"
done < <(ldbsearch -H "$SAM" -b "$BASE_DN" "(&(objectClass=user)(adminCount=1))" dn 2>/dev/null | awk '/^dn: /{sub(/^dn: /, ""); print}')
aces=("(A;;LC;;;$reader)")
for attr in objectClass msDS-MinimumPasswordLength msDS-PasswordComplexityEnabled msDS-PasswordHistoryLength \
  msDS-MinimumPasswordAge msDS-MaximumPasswordAge msDS-PasswordSettingsPrecedence; do
  aces+=("(OA;CIIO;RP;$(schema_guid "$attr");$GUID_PSO;$reader)")
done
grant "CN=Password Settings Container,CN=System,$BASE_DN" "${aces[@]}"
echo "service accounts: svc-sspr-writeback, svc-sspr-reader in $OU"
