#!/bin/bash
# The compose broker (apache/kafka image): one SASL_PLAINTEXT listener for clients, SCRAM-SHA-512 only, the KRaft
# StandardAuthorizer with no access where no ACL allows it (ACLs per service from io.sspr.events.TopicAccess, made by
# the kafka-setup step); superusers sspr-admin (operators, setup) and sspr-broker (its own connections). The
# bootstrap SCRAM users come with the storage format; the passwords are read from this container's own secrets.
set -euo pipefail
broker=$(cat /run/secrets/sspr/kafka-broker-password)
admin=$(cat /run/secrets/sspr/kafka-admin-password)
conf=/tmp/server.properties
jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"sspr-broker\" password=\"$broker\";"
(umask 077 && cat >"$conf" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=CLIENTS://:9092,CONTROLLER://:9093
advertised.listeners=CLIENTS://kafka:9092
controller.listener.names=CONTROLLER
inter.broker.listener.name=CLIENTS
listener.security.protocol.map=CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=SCRAM-SHA-512
listener.name.clients.scram-sha-512.sasl.jaas.config=$jaas
listener.name.controller.scram-sha-512.sasl.jaas.config=$jaas
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:sspr-admin;User:sspr-broker
log.dirs=/var/lib/kafka/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
)
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  /opt/kafka/bin/kafka-storage.sh format --config "$conf" --cluster-id "$(/opt/kafka/bin/kafka-storage.sh random-uuid)" \
    --add-scram "SCRAM-SHA-512=[name=sspr-broker,password=$broker]" \
    --add-scram "SCRAM-SHA-512=[name=sspr-admin,password=$admin]"
fi
unset broker admin jaas
exec /opt/kafka/bin/kafka-server-start.sh "$conf"
