#!/bin/sh
# Starts a service with its passwords: each file of SSPR_SECRET_ENV_DIR (default /run/secrets/sspr/env), which holds
# only this container's own secrets, becomes the environment variable of its name (KAFKA_PASSWORD,
# POSTGRES_PASSWORD, LDAP_BIND_PASSWORD, ...), the way deploy/local/stack's service_env hands them over. Kubernetes
# sets the same variables from the service's own Secret instead; without the folder nothing is added.
set -eu
dir=${SSPR_SECRET_ENV_DIR:-/run/secrets/sspr/env}
if [ -d "$dir" ]; then
  for file in "$dir"/*; do
    [ -f "$file" ] || continue
    name=${file##*/}
    case "$name" in
      *[!A-Z0-9_]* | [0-9]*) echo "entrypoint: $file is not named like a variable; ignored" >&2; continue ;;
    esac
    export "$name=$(cat "$file")"
  done
fi
exec java -XX:+UseSerialGC -XX:MaxRAMPercentage=75 -jar /app/quarkus-run.jar "$@"
