#!/usr/bin/env bash
# Lint, render and validate the Helm chart in helm/switchboard. Idempotent; safe to run repeatedly.
#
#   bash scripts/helm-check.sh
#
# Steps (any failure exits non-zero):
#   1. find helm: on PATH, else $SB_TOOLS_DIR/helm, else build helm $HELM_VERSION with `go install`
#      (waits for a build of it that is already running instead of starting a second one)
#   2. every values.yaml value carries a helm-docs `# --` comment (sections at least a `#` comment)
#   3. helm lint --strict with the default values and with every ci/*.yaml values file
#   4. helm template with the same values sets, plus NOTES.txt rendered through `tpl`
#   5. invalid values are refused (schema and template guards)
#   6. every rendered container has readOnlyRootFilesystem: true, runAsNonRoot: true,
#      allowPrivilegeEscalation: false and drops ALL capabilities
#   7. kubeconform (strict) against the Kubernetes JSON schemas shipped in PyPI `kubernetes-validate`,
#      for each version in $KUBE_VERSIONS. Offline-friendly: the schemas are cached under
#      $SB_TOOLS_DIR. If the tool or the schemas cannot be obtained this step is skipped with a
#      message, unless SB_REQUIRE_KUBECONFORM=1. SB_SKIP_KUBECONFORM=1 skips it.
#
# Environment: SB_TOOLS_DIR (default $HOME/.cache/sb-tools), KUBE_VERSIONS (default "1.29.0 1.34.0"),
# SB_SKIP_KUBECONFORM, SB_REQUIRE_KUBECONFORM.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CHART="$ROOT/helm/switchboard"
TOOLS="${SB_TOOLS_DIR:-$HOME/.cache/sb-tools}"
HELM_VERSION=v3.19.0
KUBECONFORM_VERSION=v0.8.0
KUBERNETES_VALIDATE_VERSION=1.37.0
# Oldest and newest Kubernetes we check against; the newest is also the one `helm template` targets.
# (A `go install`ed helm has no Kubernetes version stamped in and would assume v1.20, which the
# chart's kubeVersion constraint rejects, so it is always passed explicitly.)
KUBE_VERSIONS="${KUBE_VERSIONS:-1.29.0 1.34.0}"
TEMPLATE_KUBE_VERSION="${KUBE_VERSIONS##* }"

OUT=$(mktemp -d "${TMPDIR:-/tmp}/helm-check.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$TOOLS"

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

# --- 1. helm -------------------------------------------------------------------------------------
find_helm() {
  if command -v helm >/dev/null 2>&1; then command -v helm; return; fi
  if [ -x "$TOOLS/helm" ]; then echo "$TOOLS/helm"; return; fi
  return 1
}

helm_build_running() {
  # A `go install helm.sh/helm/v3/cmd/helm@...` (or its `go build` children) already under way.
  pgrep -f 'helm\.sh/helm/v3/cmd/helm' >/dev/null 2>&1
}

ensure_helm() {
  local waited=0
  while ! HELM=$(find_helm); do
    if helm_build_running; then
      [ "$waited" = 0 ] && echo "a helm build is already running (see /tmp/helm.log); waiting for $TOOLS/helm ..."
      sleep 5; waited=$((waited + 5))
      [ "$waited" -ge 1200 ] && fail "helm build still running after 20 minutes"
      continue
    fi
    command -v go >/dev/null 2>&1 || fail "helm is not installed and go is not available to build it"
    echo "building helm $HELM_VERSION into $TOOLS (takes a few minutes the first time)"
    # flock: two concurrent runs of this script build once.
    (
      flock 9
      [ -x "$TOOLS/helm" ] || GOBIN="$TOOLS" go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
    ) 9>"$TOOLS/.helm.lock"
  done
  echo "helm: $HELM ($("$HELM" version --template '{{.Version}}' 2>/dev/null || echo unknown))"
}

step "helm"
ensure_helm

# --- 2. values.yaml documentation ----------------------------------------------------------------
step "values.yaml: every value has a '# --' comment (helm-docs), every section a comment"
# A value (a key with a value on its line, or a documented object such as `resources`) needs a
# `# --` comment block right above it. A section (a key opening a map of documented values, like
# `gateway:`) needs at least a plain `#` comment, which helm-docs does not turn into a table row.
awk '
  function indent(s) { match(s, /^ */); return RLENGTH }
  function check(   isSection) {
    if (pending == "") return
    isSection = (pendingOpen && nextInd > pendingInd)
    if (!pendingDoc && !(isSection && pendingCmt)) {
      printf "  values.yaml:%d: %s without a comment: %s\n", pendingNR, (isSection ? "section" : "value"), pending; bad++
    }
    pending = ""
  }
  /^[ ]*#/    { cmt = 1; if ($0 ~ /^[ ]*# --/) doc = 1; next }
  /^[ ]*$/    { doc = 0; cmt = 0; next }
  {
    ind = indent($0)
    if (inItem && ind > itemInd) next          # inside a list item: its keys are data, not values
    inItem = 0
    nextInd = ind; check()
    if ($0 ~ /^ *- /) { inItem = 1; itemInd = ind; doc = 0; cmt = 0; next }
    if ($0 ~ /^ *[A-Za-z0-9_.\/-]+:/) {
      keys++
      pending = $0; pendingNR = NR; pendingInd = ind; pendingDoc = doc; pendingCmt = cmt
      pendingOpen = ($0 ~ /: *$/)
    }
    doc = 0; cmt = 0
  }
  END {
    nextInd = 0; check()
    if (bad) { printf "%d key(s) without a comment\n", bad; exit 1 }
    printf "ok: %d keys commented\n", keys
  }
' "$CHART/values.yaml"

# --- 3. lint -------------------------------------------------------------------------------------
VALUE_SETS=("default")
for f in "$CHART"/ci/*.yaml; do [ -e "$f" ] && VALUE_SETS+=("$f"); done
values_args() { [ "$1" = default ] || printf '%s\n' "-f" "$1"; }
label() { [ "$1" = default ] && echo "default values" || echo "${1#"$ROOT"/}"; }

step "helm lint --strict"
for vs in "${VALUE_SETS[@]}"; do
  mapfile -t args < <(values_args "$vs")
  echo "-- $(label "$vs")"
  "$HELM" lint --strict --kube-version "$TEMPLATE_KUBE_VERSION" "${args[@]}" "$CHART"
done

# --- 4. template ---------------------------------------------------------------------------------
step "helm template (Kubernetes $TEMPLATE_KUBE_VERSION)"
# NOTES.txt is not rendered by `helm template`; a scratch copy of the chart renders it through tpl.
NOTES_CHART="$OUT/notes-chart"
cp -r "$CHART" "$NOTES_CHART"
cp "$NOTES_CHART/templates/NOTES.txt" "$NOTES_CHART/notes-check.txt"
cat >"$NOTES_CHART/templates/zz-notes-check.yaml" <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: notes-check
data:
  NOTES.txt: {{ tpl (.Files.Get "notes-check.txt") . | quote }}
EOF
RENDERED=()
i=0
for vs in "${VALUE_SETS[@]}"; do
  mapfile -t args < <(values_args "$vs")
  out="$OUT/rendered-$i.yaml"; i=$((i + 1))
  "$HELM" template sb "$CHART" --namespace switchboard --kube-version "$TEMPLATE_KUBE_VERSION" \
    "${args[@]}" >"$out" || fail "helm template with $(label "$vs")"
  "$HELM" template sb "$NOTES_CHART" --namespace switchboard --kube-version "$TEMPLATE_KUBE_VERSION" \
    "${args[@]}" --show-only templates/zz-notes-check.yaml >"$out.notes" \
    || fail "NOTES.txt does not render with $(label "$vs")"
  if grep -n '<no value>' "$out" "$out.notes"; then fail "'<no value>' rendered with $(label "$vs")"; fi
  kinds=$(grep -E '^kind: ' "$out" | sed 's/^kind: //' | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}')
  echo "ok: $(label "$vs"): $(grep -c '^kind: ' "$out") objects ($kinds)"
  RENDERED+=("$out")
done

# --- 5. invalid values must be refused -----------------------------------------------------------
step "invalid values are refused"
expect_failure() {
  local why="$1"; shift
  if "$HELM" template sb "$CHART" --kube-version "$TEMPLATE_KUBE_VERSION" "$@" >/dev/null 2>"$OUT/err"; then
    fail "accepted: $why ($*)"
  fi
  local msg
  msg=$(grep -m1 -E "^- at " "$OUT/err" || grep -m1 -E "Error" "$OUT/err" || true)
  echo "ok: refused $why: $(printf '%s' "$msg" | sed -e 's/^Error: //' -e 's/^- //' | cut -c1-160)"
}
expect_failure "unknown log level"            --set logLevel=verbose
expect_failure "misspelt key"                 --set gateway.maxCall=10
expect_failure "empty broker list"            --set-json 'kafka.brokers=[]'
expect_failure "zero partitions"              --set kafka.partitions=0
expect_failure "grace period shorter than drain" --set gateway.terminationGracePeriodSeconds=20
expect_failure "both password sources"        --set clickhouse.password=x --set clickhouse.existingSecret=y
expect_failure "HPA min above max"            --set gateway.autoscaling.enabled=true --set gateway.autoscaling.minReplicas=5 --set gateway.autoscaling.maxReplicas=2
expect_failure "unknown pipeline processor"   --set-json 'pipelines.groups=[{"name":"all","processors":["asr","tts"],"replicas":1,"resources":{"requests":{},"limits":{}}}]'
expect_failure "pipeline group named twice"   --set-json 'pipelines.groups=[{"name":"a","processors":["asr"],"replicas":1,"resources":{"requests":{},"limits":{}}},{"name":"a","processors":["nlu"],"replicas":1,"resources":{"requests":{},"limits":{}}}]'
expect_failure "pipeline grace within drain"  --set pipelines.terminationGracePeriodSeconds=30
expect_failure "early recognition below VAD hangover" --set pipelines.asrEarlyRecognitionMs=100
expect_failure "pack without flows.yaml"      --set-string 'pipelines.pack.files.nlu\.yaml=x'
expect_failure "two actions file sources"     --set pipelines.actions.configFile=/app/a.yaml --set pipelines.actions.existingConfigMap=actions
expect_failure "shared actions store"         --set pipelines.actions.store.persistence.enabled=true
expect_failure "SIP RTP range upside down"     --set sipIngress.enabled=true --set sipIngress.rtpPorts.min=30000 --set sipIngress.rtpPorts.max=20000
expect_failure "SIP digest without users"      --set sipIngress.enabled=true --set sipIngress.auth.realm=trunks
expect_failure "SIP transfer URI without queue" --set sipIngress.transferUri=sip:agents@example.com

# --- 6. container security -----------------------------------------------------------------------
step "every rendered container is locked down"
check_security() {
  awk -v file="$1" '
    function indent(s) { match(s, /^ */); return RLENGTH }
    function start(line) {
      inItem = 1; ro = nr = ape = dropAll = sawDrop = 0; cname = ""
      if (line ~ /^ *- name: /) { cname = line; sub(/^ *- name: */, "", cname) }
    }
    function flush() {
      if (!inItem) return
      n++
      where = kind "/" docname " container " cname
      if (!ro)      { print "  " where ": readOnlyRootFilesystem is not true"; bad++ }
      if (!nr)      { print "  " where ": runAsNonRoot is not true"; bad++ }
      if (!ape)     { print "  " where ": allowPrivilegeEscalation is not false"; bad++ }
      if (!dropAll) { print "  " where ": capabilities do not drop ALL"; bad++ }
      inItem = 0
    }
    /^---/ { flush(); inList = 0; kind = "?"; docname = "?"; inMeta = 0; next }
    /^[ ]*$/ || /^[ ]*#/ { next }
    /^kind: / { kind = $2 }
    /^metadata:/ { inMeta = 1 }
    inMeta && /^  name: / { docname = $2; inMeta = 0 }
    {
      ind = indent($0)
      if (inList && itemInd >= 0) {
        if (ind < itemInd || (ind == itemInd && $0 !~ /^ *- /)) { flush(); inList = 0 }
        else if (ind == itemInd) { flush(); start($0) }
      } else if (inList) {
        if ($0 ~ /^ *- /) { itemInd = ind; start($0) } else inList = 0
      }
      if (!inList && $0 ~ /^ *(initContainers|containers|ephemeralContainers):[ ]*$/) {
        inList = 1; itemInd = -1; next
      }
      if (!inItem) next
      if (cname == "" && ind == itemInd + 2 && $0 ~ /^ *name: /) { cname = $2 }
      if ($0 ~ /^ *readOnlyRootFilesystem: true *$/) ro = 1
      if ($0 ~ /^ *runAsNonRoot: true *$/) nr = 1
      if ($0 ~ /^ *allowPrivilegeEscalation: false *$/) ape = 1
      if ($0 ~ /^ *drop: *\[.*"?ALL"?.*\]/) dropAll = 1
      if ($0 ~ /^ *drop: *$/) sawDrop = 1
      if (sawDrop && $0 ~ /^ *- "?ALL"? *$/) dropAll = 1
    }
    END {
      flush()
      if (n == 0) { print "  " file ": no containers found"; exit 1 }
      if (bad) exit 1
      printf "%d\n", n
    }
  ' "$1"
}
# The check itself must catch a container that is not locked down.
"$HELM" template sb "$CHART" --kube-version "$TEMPLATE_KUBE_VERSION" \
  --set warehouse.containerSecurityContext.readOnlyRootFilesystem=false >"$OUT/insecure.yaml"
if check_security "$OUT/insecure.yaml" >/dev/null; then
  fail "the security check accepted a writable root filesystem"
fi
echo "ok: the check flags a container with readOnlyRootFilesystem: false"
for idx in "${!RENDERED[@]}"; do
  n=$(check_security "${RENDERED[$idx]}") || { echo "$n"; fail "insecure container in $(label "${VALUE_SETS[$idx]}")"; }
  echo "ok: $(label "${VALUE_SETS[$idx]}"): $n containers"
done

# --- 7. kubeconform ------------------------------------------------------------------------------
step "kubeconform"
skip_kubeconform() {
  if [ "${SB_REQUIRE_KUBECONFORM:-0}" = 1 ]; then fail "kubeconform required: $*"; fi
  echo "SKIPPED: $*"
  echo
  echo "helm-check: OK (without kubeconform)"
  exit 0
}
[ "${SB_SKIP_KUBECONFORM:-0}" = 1 ] && skip_kubeconform "SB_SKIP_KUBECONFORM=1"

KUBECONFORM=$(command -v kubeconform 2>/dev/null || echo "$TOOLS/kubeconform")
if [ ! -x "$KUBECONFORM" ]; then
  command -v go >/dev/null 2>&1 || skip_kubeconform "kubeconform is not installed and go is not available"
  echo "building kubeconform $KUBECONFORM_VERSION into $TOOLS"
  ( flock 9; [ -x "$TOOLS/kubeconform" ] || GOBIN="$TOOLS" timeout 600 go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION" ) \
    9>"$TOOLS/.kubeconform.lock" || skip_kubeconform "could not build kubeconform"
  KUBECONFORM="$TOOLS/kubeconform"
fi

# kubernetes-validate ships every kind's JSON schema per Kubernetes version, with $ref pointing at
# https://kubernetes.io/api/_definitions.json. Rewrite those refs to the local file and drop $id so
# kubeconform never goes to the network.
SCHEMA_ROOT="$TOOLS/k8s-schemas/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION"
prepare_schemas() {
  local versions=("$@") wheel_dir="$TOOLS/wheels" missing=()
  for v in "${versions[@]}"; do [ -f "$SCHEMA_ROOT/v$v-standalone-strict/.complete" ] || missing+=("$v"); done
  [ "${#missing[@]}" = 0 ] && return 0
  command -v python3 >/dev/null 2>&1 || return 1
  mkdir -p "$wheel_dir"
  local wheel
  wheel=$(ls "$wheel_dir"/kubernetes_validate-"$KUBERNETES_VALIDATE_VERSION"-*.whl 2>/dev/null | head -n1 || true)
  if [ -z "$wheel" ]; then
    echo "downloading kubernetes-validate $KUBERNETES_VALIDATE_VERSION (schemas only, ~22 MB) from PyPI"
    python3 -m pip download --quiet --no-deps --only-binary=:all: \
      "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" -d "$wheel_dir" >&2 || return 1
    wheel=$(ls "$wheel_dir"/kubernetes_validate-"$KUBERNETES_VALIDATE_VERSION"-*.whl | head -n1)
  fi
  python3 - "$wheel" "$SCHEMA_ROOT" "${missing[@]}" <<'PY' || return 1
import json, os, sys, zipfile
wheel, root, versions = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    for v in versions:
        prefix = f"kubernetes_validate/kubernetes-json-schema/v{v}-local-strict/"
        members = [n for n in names if n.startswith(prefix) and n.endswith(".json")]
        if not members:
            sys.exit(f"kubernetes-validate has no schemas for Kubernetes {v}")
        dst = os.path.join(root, f"v{v}-standalone-strict")
        os.makedirs(dst, exist_ok=True)
        defs = "file://" + os.path.join(dst, "_definitions.json")
        for n in members:
            text = z.read(n).decode()
            text = text.replace('"/api/_definitions.json#', '"' + defs + '#')
            doc = json.loads(text)
            doc.pop("$id", None)
            with open(os.path.join(dst, os.path.basename(n)), "w") as f:
                json.dump(doc, f)
        open(os.path.join(dst, ".complete"), "w").close()
        print(f"schemas for Kubernetes {v}: {len(members)} files in {dst}")
PY
}
read -r -a KVS <<<"$KUBE_VERSIONS"
prepare_schemas "${KVS[@]}" || skip_kubeconform "could not obtain the kubernetes-validate schemas"

echo "kubeconform: $KUBECONFORM ($("$KUBECONFORM" -v 2>/dev/null))"
for v in "${KVS[@]}"; do
  for idx in "${!RENDERED[@]}"; do
    # ServiceMonitor is a CRD (Prometheus Operator) with no schema in kubernetes-validate.
    if ! "$KUBECONFORM" -strict -summary -skip ServiceMonitor \
        -schema-location "$SCHEMA_ROOT/v$v-standalone-strict/{{.ResourceKind}}{{.KindSuffix}}.json" \
        "${RENDERED[$idx]}" >"$OUT/kc" 2>&1; then
      cat "$OUT/kc"
      fail "kubeconform (Kubernetes $v) rejected $(label "${VALUE_SETS[$idx]}")"
    fi
    echo "ok: Kubernetes $v, $(label "${VALUE_SETS[$idx]}"): $(grep '^Summary' "$OUT/kc" | sed 's/^Summary: //')"
  done
done

echo
echo "helm-check: OK"
