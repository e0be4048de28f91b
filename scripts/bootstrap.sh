#!/usr/bin/env bash
# Installs everything the build, the tests and the demo need on a fresh Debian 12 machine.
# Idempotent and fast the second time: every step checks first and says "(cached)" when it skips.
#   1. apt packages: clickhouse-server clickhouse-client nats-server kcat sip-tester (sipp) (+ java, maven if missing)
#   2. npm ci, only when package-lock.json changed since the last install
#   3. Apache Kafka 4.4.0 jars from Maven Central into .cache/kafka/libs (tools/kafka/pom.xml)
#   4. the AppCDS archive .cache/kafka/kafka.jsa (faster broker start, tied to the JDK and the jars)
#   5. the speech engines (pipelines/speech/scripts/setup-speech.sh: espeak-ng, a pinned Python
#      venv with faster-whisper and Piper, the Whisper base weights and the Piper voice)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

CACHE="$REPO/.cache"
KAFKA_DIR="$CACHE/kafka"
LIBS="$KAFKA_DIR/libs"
JSA="$KAFKA_DIR/kafka.jsa"
POM="$REPO/tools/kafka/pom.xml"
LOG4J="$REPO/tools/kafka/log4j2.properties"
START_NS=$(date +%s%N)
STEP="start"
TMP_DIRS=()

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
say() { echo "bootstrap: $*"; }
DIED=0
die() { echo "bootstrap: FAILED ($STEP): $*" >&2; DIED=1; exit 1; }
cleanup() { local d; for d in "${TMP_DIRS[@]:-}"; do if [ -n "$d" ]; then rm -rf "$d"; fi; done; }
on_exit() {
  local rc=$?
  cleanup
  if [ $rc -ne 0 ] && [ $DIED -eq 0 ]; then
    echo "bootstrap: FAILED during step \"$STEP\" (exit code $rc)" >&2
  fi
  exit $rc
}
trap on_exit EXIT

hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

command -v node >/dev/null 2>&1 || die "node is not installed: install Node.js >= 20.19 first (it is not an apt package here)"
command -v npm >/dev/null 2>&1 || die "npm is not installed: install Node.js >= 20.19 (with npm) first"
mkdir -p "$CACHE"

# ---------------------------------------------------------------- root / sudo
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); fi
fi
as_root() {
  if [ "$(id -u)" -ne 0 ] && [ ${#SUDO[@]} -eq 0 ]; then
    die "need root to run: $* (run this script as root or install sudo)"
  fi
  "${SUDO[@]}" "$@"
}

# ---------------------------------------------------------------- 1. apt packages
STEP="apt packages"
t=$(date +%s%N)
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
MISSING=()
for p in clickhouse-server clickhouse-client nats-server kcat sip-tester; do
  pkg_installed "$p" || MISSING+=("$p")
done
command -v java >/dev/null 2>&1 || MISSING+=(default-jre-headless)
command -v mvn >/dev/null 2>&1 || MISSING+=(maven)

if [ ${#MISSING[@]} -eq 0 ]; then
  say "apt packages ok (cached)"
else
  say "apt installing: ${MISSING[*]}"
  # Keep apt from starting a system clickhouse-server (we run private servers on free ports).
  POLICY=/usr/sbin/policy-rc.d
  ADDED_POLICY=0
  if [ ! -e "$POLICY" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $POLICY && chmod 755 $POLICY"
    ADDED_POLICY=1
  fi
  apt_rc=0
  {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${MISSING[@]}"
  } >"$CACHE/apt.log" 2>&1 || apt_rc=$?
  [ "$ADDED_POLICY" -eq 1 ] && as_root rm -f "$POLICY"
  if [ $apt_rc -ne 0 ]; then
    tail -n 30 "$CACHE/apt.log" >&2
    die "apt-get install ${MISSING[*]} failed (full log: $CACHE/apt.log)"
  fi
  rm -f "$CACHE/apt.log"
  # If a system clickhouse service was started anyway (e.g. by systemd), stop and disable it.
  for m in "${MISSING[@]}"; do
    if [ "$m" = clickhouse-server ]; then
      if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
        as_root systemctl disable --now clickhouse-server >/dev/null 2>&1 || true
      fi
      as_root service clickhouse-server stop >/dev/null 2>&1 || true
      if pids=$(pgrep -f 'clickhouse-server.*/etc/clickhouse-server/config.xml'); then
        as_root kill $pids 2>/dev/null || true
      fi
    fi
  done
  say "apt packages ok (installed in $(ms_since "$t") ms)"
fi

export PATH="$PATH:/usr/sbin:/sbin"
for b in java mvn clickhouse-server clickhouse-client nats-server kcat sipp node npm; do
  command -v "$b" >/dev/null 2>&1 || die "'$b' is still not on PATH after the apt step"
done

# ---------------------------------------------------------------- 2. npm ci
STEP="npm ci"
t=$(date +%s%N)
NPM_STAMP="$REPO/node_modules/.sb-npm-ci.sha256"
LOCK_HASH=$(hash_of package-lock.json)
npm_fresh() {
  [ -f node_modules/.package-lock.json ] || return 1
  [ ! package-lock.json -nt node_modules/.package-lock.json ] && return 0
  [ -f "$NPM_STAMP" ] && [ "$(cat "$NPM_STAMP")" = "$LOCK_HASH" ]
}
if npm_fresh; then
  say "npm dependencies ok (cached)"
else
  if ! npm ci --no-audit --no-fund --loglevel=error >"$CACHE/npm-ci.log" 2>&1; then
    tail -n 30 "$CACHE/npm-ci.log" >&2
    die "npm ci failed (full log: $CACHE/npm-ci.log)"
  fi
  echo "$LOCK_HASH" >"$NPM_STAMP"
  say "npm dependencies ok (npm ci in $(ms_since "$t") ms)"
fi

# ---------------------------------------------------------------- 3. Kafka jars
STEP="kafka jars"
t=$(date +%s%N)
[ -f "$POM" ] || die "missing $POM"
POM_HASH=$(hash_of "$POM")
LIBS_STAMP="$LIBS/.stamp"
libs_complete() {
  [ -f "$LIBS_STAMP" ] || return 1
  local want_hash want_count
  want_hash=$(sed -n 1p "$LIBS_STAMP")
  want_count=$(sed -n 2p "$LIBS_STAMP")
  [ "$want_hash" = "$POM_HASH" ] || return 1
  [ "$(find "$LIBS" -maxdepth 1 -name '*.jar' | wc -l)" = "$want_count" ] || return 1
  [ -f "$LIBS/kafka_2.13-4.4.0.jar" ]
}
if libs_complete; then
  say "kafka jars ok (cached)"
else
  mkdir -p "$KAFKA_DIR"
  NEW_LIBS=$(mktemp -d "$KAFKA_DIR/libs.new.XXXXXX")
  chmod 755 "$NEW_LIBS"
  TMP_DIRS+=("$NEW_LIBS")
  if ! mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
      -DoutputDirectory="$NEW_LIBS" >"$KAFKA_DIR/mvn.log" 2>&1; then
    tail -n 30 "$KAFKA_DIR/mvn.log" >&2
    die "mvn dependency:copy-dependencies failed (full log: $KAFKA_DIR/mvn.log)"
  fi
  count=$(find "$NEW_LIBS" -maxdepth 1 -name '*.jar' | wc -l)
  [ -f "$NEW_LIBS/kafka_2.13-4.4.0.jar" ] || die "maven did not produce kafka_2.13-4.4.0.jar"
  printf '%s\n%s\n' "$POM_HASH" "$count" >"$NEW_LIBS/.stamp"
  rm -rf "$LIBS" "$JSA" "$JSA.stamp"
  mv "$NEW_LIBS" "$LIBS"
  rm -f "$KAFKA_DIR/mvn.log"
  say "kafka jars ok ($count jars downloaded in $(ms_since "$t") ms)"
fi

# ---------------------------------------------------------------- 4. AppCDS archive
# Made by one throw-away broker run with -XX:ArchiveClassesAtExit, warmed up with real client
# traffic (topic, produce, consume in a group, a transaction), then stopped with SIGTERM.
# The flags and the classpath must be exactly those the test harness uses (tools/testkit).
STEP="kafka AppCDS archive"
t=$(date +%s%N)
JAVA_ID=$(java -Xshare:auto -version 2>&1 | tr '\n' ' ')
# Must match the JVM flags of tools/testkit/src/kafka-server.ts.
KAFKA_JVM_FLAGS=(-Xmx256m -XX:TieredStopAtLevel=1)
JSA_KEY=$(printf '%s|%s|%s|%s' "$JAVA_ID" "${KAFKA_JVM_FLAGS[*]}" "$LIBS" "$(cat "$LIBS_STAMP")" | sha256sum | cut -d' ' -f1)
if [ -f "$JSA" ] && [ -f "$JSA.stamp" ] && [ "$(cat "$JSA.stamp")" = "$JSA_KEY" ]; then
  say "kafka AppCDS archive ok (cached)"
else
  rm -f "$JSA" "$JSA.stamp"
  RUN=$(mktemp -d "$KAFKA_DIR/cds-run.XXXXXX")
  TMP_DIRS+=("$RUN")
  read -r BPORT CPORT < <(node -e '
    const net = require("node:net");
    const one = () => new Promise((ok) => { const s = net.createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
    (async () => { const a = await one(); let b = await one(); while (b === a) b = await one(); console.log(a, b); })();')
  cat >"$RUN/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$CPORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$BPORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$BPORT,CONTROLLER://127.0.0.1:$CPORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$RUN/data
auto.create.topics.enable=false
num.partitions=6
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
broker.session.timeout.ms=3000
broker.heartbeat.interval.ms=500
EOF
  JOPTS=("${KAFKA_JVM_FLAGS[@]}" "-Dlog4j2.configurationFile=$LOG4J" "-Dkafka.log.file=$RUN/kafka.log")
  CLUSTER_ID=$(node -e 'console.log(require("node:crypto").randomBytes(16).toString("base64url"))')
  java "${JOPTS[@]}" -cp "$LIBS/*" kafka.tools.StorageTool format --standalone -t "$CLUSTER_ID" \
    -c "$RUN/server.properties" >"$RUN/format.log" 2>&1 || { cat "$RUN/format.log" >&2; die "kafka storage format failed"; }
  java "${JOPTS[@]}" "-XX:ArchiveClassesAtExit=$JSA.tmp" -cp "$LIBS/*" kafka.Kafka "$RUN/server.properties" \
    >"$RUN/stdout.log" 2>&1 &
  KPID=$!
  warm_rc=0
  KAFKA_PID=$KPID KAFKA_BROKER="127.0.0.1:$BPORT" KAFKAJS_NO_PARTITIONER_WARNING=1 timeout 120 node - >"$RUN/warm.log" 2>&1 <<'EOF' || warm_rc=$?
const { Kafka, logLevel } = require('kafkajs');
const broker = process.env.KAFKA_BROKER;
const kafka = new Kafka({ clientId: 'sb-bootstrap', brokers: [broker], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const c = await admin.describeCluster();
      await admin.disconnect();
      if (c.brokers.length > 0 && c.controller !== null) break;
    } catch { await admin.disconnect().catch(() => {}); }
    try { process.kill(Number(process.env.KAFKA_PID), 0); } catch { throw new Error('the broker process exited'); }
    if (Date.now() > deadline) throw new Error('broker not ready after 90 s');
    await sleep(200);
  }
  const k = new Kafka({ clientId: 'sb-bootstrap', brokers: [broker], logLevel: logLevel.NOTHING });
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'warm', numPartitions: 2 }], waitForLeaders: true });
  await admin.describeGroups(['warm-group']);
  const producer = k.producer({ idempotent: true });
  await producer.connect();
  await producer.send({ topic: 'warm', acks: -1, messages: Array.from({ length: 50 }, (_, i) => ({ key: `k${i % 5}`, value: `v${i}` })) });
  const tp = k.producer({ transactionalId: 'warm-tx', idempotent: true, maxInFlightRequests: 1 });
  await tp.connect();
  for (const commit of [false, true]) {
    const tx = await tp.transaction();
    await tx.send({ topic: 'warm', messages: [{ key: 'tx', value: 'tx' }] });
    if (commit) await tx.commit(); else await tx.abort();
  }
  const consumer = k.consumer({ groupId: 'warm-group', sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 5000, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'warm', fromBeginning: true });
  let seen = 0;
  await new Promise((resolve, reject) => {
    consumer.run({ eachMessage: async () => { seen += 1; if (seen >= 51) resolve(); } }).catch(reject);
  });
  await consumer.disconnect();
  await tp.disconnect();
  await producer.disconnect();
  await admin.fetchTopicMetadata({ topics: ['warm'] });
  await admin.deleteTopics({ topics: ['warm'] });
  await admin.disconnect();
  console.log(`warm-up done, consumed ${seen}`);
})().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
EOF
  kill -TERM "$KPID" 2>/dev/null || true
  wait "$KPID" || true
  if [ $warm_rc -ne 0 ]; then
    cat "$RUN/warm.log" >&2
    tail -n 20 "$RUN/kafka.log" "$RUN/stdout.log" >&2 || true
    rm -f "$JSA.tmp"
    die "the throw-away Kafka broker for the AppCDS archive did not work (see above)"
  fi
  [ -s "$JSA.tmp" ] || { tail -n 20 "$RUN/stdout.log" >&2; die "java did not write the AppCDS archive"; }
  mv "$JSA.tmp" "$JSA"
  echo "$JSA_KEY" >"$JSA.stamp"
  say "kafka AppCDS archive ok (created in $(ms_since "$t") ms)"
fi

# ---------------------------------------------------------------- 5. speech engines
STEP="speech engines"
bash "$REPO/pipelines/speech/scripts/setup-speech.sh" | sed 's/^/bootstrap: /' || die "speech setup failed (see above)"

STEP="done"
say "done in $(ms_since "$START_NS") ms"
