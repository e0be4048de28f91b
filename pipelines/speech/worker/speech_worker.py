"""Switchboard speech worker: serves switchboard.v1.SpeechWorker (proto/switchboard/v1/speech.proto).

Engines: faster-whisper (Whisper base, CTranslate2 int8 on CPU) recognizes, Piper speaks English.
It listens first and loads the models in the background, so a client can wait for readiness with
Health(wait_for_ready=true) instead of polling. A model file that is absent makes that engine
unavailable (with a message naming the file) while the others keep serving; nothing is ever
downloaded. Started by pipelines/speech/src/worker/start-worker.ts, which reads the port from
the first stdout line; the worker exits when its stdin closes (the parent is gone).

Logs are JSON lines on stderr with ids, sizes and timings only: text and audio are PII.
"""

import argparse
import json
import logging
import os
import signal
import sys
import threading
import time
from concurrent import futures

MAX_AUDIO_MS = 120_000  # one utterance; longer audio is a caller bug, refused before decoding
MAX_TEXT_CHARS = 4_000
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
WHISPER_FILES = ("model.bin", "config.json", "tokenizer.json", "vocabulary.txt")
WHISPER_LANGUAGES = ["en"]  # forced-language use it is good at; others take the text path
PIPER_LANGUAGES = ["en"]


def log(level, msg, **fields):
    line = {"t": int(time.time() * 1000), "level": level, "component": "speech-worker", "msg": msg}
    line.update(fields)
    sys.stderr.write(json.dumps(line) + "\n")
    sys.stderr.flush()


class Refused(Exception):
    """A request the worker turns down: a gRPC status code and a message free of content."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def rpc(method):
    """Maps Refused to its status and any other error to INTERNAL naming only the error's type:
    an exception's message may quote the text or audio it choked on, so it never leaves here."""

    def handler(self, request, context):
        try:
            return method(self, request, context)
        except Refused as refused:
            context.abort(refused.code, refused.message)
        except Exception as err:
            log("error", "request failed", rpc=method.__name__, error=type(err).__name__)
            context.abort(self.grpc.StatusCode.INTERNAL, f"{method.__name__} failed: {type(err).__name__}")

    handler.__name__ = method.__name__
    return handler


def now_ms():
    return time.monotonic() * 1000.0


# Whisper's encoder always reads a 30 s window; faster-whisper pads every utterance to it. Phone
# utterances are a few seconds, and the encoder's cost grows with the window (CTranslate2 accepts a
# shorter one): on this machine's 2 cores 521 ms for 30 s, 129 ms for 15 s, 64 ms for 10 s.
# Measured at telephone band on Piper-spoken sentences, window max(SPEECH_WHISPER_MIN_WINDOW_MS,
# utterance + 2 s) against the full 30 s:
#   15 s: 85 clinc150 sentences WER 9.4 % (9.3 %), 40 banking77 5.9 % (5.2 %), the demo calls'
#         key words and order numbers 87/90 (86/90), "refund" in 50 renderings 43 (46);
#         recognition p50 ~390 ms (~805 ms). Slightly more errors for half the time: set 30000
#         where accuracy matters more than the reply's speed.
#   10 s: WER 9.4 % and 5.2 %, p50 ~305 ms, but key words 81/90: order numbers gained digits.
# Less padding than 2 s makes Whisper repeat itself (WER 10–30 % at + 0.5–1 s).
WINDOW_MARGIN_FRAMES = 200  # 10 ms frames
FULL_WINDOW_FRAMES = 3000


def use_encoder_window(min_frames):
    """Pads each utterance to max(min_frames, its length + margin) frames instead of 30 s."""
    import faster_whisper.transcribe as fw_transcribe
    from faster_whisper.audio import pad_or_trim

    if min_frames >= FULL_WINDOW_FRAMES:
        return
    if getattr(fw_transcribe, "pad_or_trim", None) is not pad_or_trim:
        # faster-whisper changed how it pads: keep its own 30 s window rather than guess.
        log("warn", "encoder window not applied: faster-whisper has no module-level pad_or_trim")
        return

    def pad_to_window(array, length=FULL_WINDOW_FRAMES, *, axis=-1):
        frames = max(min_frames, array.shape[axis] + WINDOW_MARGIN_FRAMES)
        return pad_or_trim(array, min(length, frames), axis=axis)

    fw_transcribe.pad_or_trim = pad_to_window


def resample_int16(samples, from_hz, to_hz):
    """Mono int16 numpy array at from_hz -> int16 numpy array at to_hz (libswresample via PyAV)."""
    import av
    import numpy as np

    if from_hz == to_hz or samples.size == 0:
        return samples.astype(np.int16, copy=False)
    frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = from_hz
    resampler = av.AudioResampler(format="s16", layout="mono", rate=to_hz)
    frames = resampler.resample(frame) + resampler.resample(None)  # None flushes the tail
    if not frames:
        return np.zeros(0, dtype=np.int16)
    return np.concatenate([f.to_ndarray().reshape(-1) for f in frames]).astype(np.int16, copy=False)


class Engine:
    """One engine's load state: loaded model, or the reason it is unavailable."""

    def __init__(self, name, kind, languages):
        self.name, self.kind, self.languages = name, kind, languages
        self.model = None
        self.message = "loading"

    def load(self, required_files, loader):
        missing = [f for f in required_files if not os.path.isfile(f)]
        if missing:
            self.message = "model file missing: " + ", ".join(missing)
            log("warn", "engine unavailable", engine=self.name, reason="model file missing", files=len(missing))
            return
        started = now_ms()
        try:
            self.model = loader()
            self.message = ""
            log("info", "engine loaded", engine=self.name, loadMs=round(now_ms() - started))
        except Exception as err:  # the worker keeps serving the other engines
            self.message = "failed to load: " + type(err).__name__
            log("error", "engine failed to load", engine=self.name, error=type(err).__name__)


class Worker:
    def __init__(self, args, pb, understanding, grpc):
        self.args, self.pb, self.understanding, self.grpc = args, pb, understanding, grpc
        self.ready = threading.Event()
        self.whisper = Engine("faster-whisper", pb.ENGINE_KIND_RECOGNIZER, WHISPER_LANGUAGES)
        self.piper = Engine("piper", pb.ENGINE_KIND_SYNTHESIZER, PIPER_LANGUAGES)

    def load(self):
        threads = int(os.environ.get("SPEECH_WHISPER_CPU_THREADS", "2"))
        window_ms = int(os.environ.get("SPEECH_WHISPER_MIN_WINDOW_MS", "15000"))

        def load_whisper():
            from faster_whisper import WhisperModel

            use_encoder_window(max(1, window_ms // 10))

            return WhisperModel(self.args.whisper_dir, device="cpu", compute_type="int8",
                                cpu_threads=threads, num_workers=1, local_files_only=True)

        def load_piper():
            from piper import PiperVoice

            # Piper phonemizes with the espeak-ng data inside its wheel: nothing to download.
            return PiperVoice.load(self.args.piper_voice, config_path=self.args.piper_voice + ".json")

        try:
            self.whisper.load([os.path.join(self.args.whisper_dir, f) for f in WHISPER_FILES], load_whisper)
            self.piper.load([self.args.piper_voice, self.args.piper_voice + ".json"], load_piper)
        finally:
            self.ready.set()
            log("info", "ready", whisper=self.whisper.model is not None, piper=self.piper.model is not None)

    def require(self, engine):
        if not self.ready.is_set():
            raise Refused(self.grpc.StatusCode.UNAVAILABLE, "the speech worker is still loading its models")
        if engine.model is None:
            raise Refused(self.grpc.StatusCode.FAILED_PRECONDITION, f"{engine.name} is unavailable: {engine.message}")
        return engine.model

    # ------------------------------------------------------------------ RPCs
    @rpc
    def Health(self, request, context):
        if request.wait_for_ready:
            remaining = context.time_remaining()
            self.ready.wait(timeout=remaining if remaining is not None else None)
        engines = [
            self.pb.EngineStatus(name=e.name, kind=e.kind, languages=e.languages,
                                 available=e.model is not None, message=e.message)
            for e in (self.whisper, self.piper)
        ]
        return self.pb.HealthResponse(ready=self.ready.is_set(), engines=engines)

    @rpc
    def Recognize(self, request, context):
        import numpy as np

        model = self.require(self.whisper)
        rate = request.sample_rate_hz
        if rate < 8000 or rate > 48000:
            raise Refused(self.grpc.StatusCode.INVALID_ARGUMENT, "sample_rate_hz must be 8000..48000")
        if len(request.pcm16le) % 2 != 0:
            raise Refused(self.grpc.StatusCode.INVALID_ARGUMENT, "pcm16le must hold whole 16-bit samples")
        if request.language not in model.supported_languages:
            raise Refused(self.grpc.StatusCode.INVALID_ARGUMENT, "language is not one Whisper knows")
        samples = np.frombuffer(request.pcm16le, dtype="<i2")
        audio_ms = samples.size * 1000.0 / rate
        if audio_ms > MAX_AUDIO_MS:
            raise Refused(self.grpc.StatusCode.INVALID_ARGUMENT, f"audio longer than {MAX_AUDIO_MS} ms")
        started = now_ms()
        audio16k = resample_int16(samples, rate, 16000).astype(np.float32) / 32768.0
        # Utterances arrive already cut by our own VAD (vad_filter off); one temperature keeps
        # latency bounded (no fallback re-decodes); nothing carries over between calls.
        segments, _info = model.transcribe(
            audio16k, language=request.language, beam_size=1, temperature=0.0, vad_filter=False,
            word_timestamps=True, condition_on_previous_text=False)
        texts, words = [], []
        for segment in segments:  # a generator: decoding happens while iterating
            texts.append(segment.text.strip())
            for w in segment.words or []:
                start = min(max(w.start * 1000.0, 0.0), audio_ms)
                end = min(max(w.end * 1000.0, start), audio_ms)
                words.append(self.understanding.WordTiming(word=w.word.strip(), start_ms=round(start),
                                                end_ms=round(end), confidence=float(w.probability)))
        confidence = float(sum(w.confidence for w in words) / len(words)) if words else 0.0
        took = now_ms() - started
        log("info", "recognized", language=request.language, audioMs=round(audio_ms),
            processingMs=round(took), words=len(words))
        return self.pb.RecognizeResponse(text=" ".join(t for t in texts if t), language=request.language,
                                         confidence=confidence, words=words, processing_ms=round(took))

    @rpc
    def Synthesize(self, request, context):
        import numpy as np

        voice = self.require(self.piper)
        if request.language not in PIPER_LANGUAGES:
            raise Refused(self.grpc.StatusCode.INVALID_ARGUMENT, "piper in this worker speaks only: " + ", ".join(PIPER_LANGUAGES))
        if not request.text.strip() or len(request.text) > MAX_TEXT_CHARS:
            raise Refused(self.grpc.StatusCode.INVALID_ARGUMENT, f"text must be 1..{MAX_TEXT_CHARS} characters")
        rate = request.sample_rate_hz
        if rate < 8000 or rate > 48000:
            raise Refused(self.grpc.StatusCode.INVALID_ARGUMENT, "sample_rate_hz must be 8000..48000")
        started = now_ms()
        chunks = [c.audio_int16_array for c in voice.synthesize(request.text)]  # one per sentence
        native = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int16)
        out = resample_int16(native, voice.config.sample_rate, rate)
        took = now_ms() - started
        log("info", "synthesized", language=request.language, audioMs=round(out.size * 1000 / rate),
            processingMs=round(took))
        return self.pb.SynthesizeResponse(pcm16le=out.astype("<i2").tobytes(), sample_rate_hz=rate,
                                          processing_ms=round(took))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 = any free port (reported on stdout)")
    p.add_argument("--gen-dir", required=True, help="where setup-speech.sh generated the Python stubs")
    p.add_argument("--whisper-dir", required=True)
    p.add_argument("--piper-voice", required=True, help="the voice's .onnx (its .onnx.json beside it)")
    p.add_argument("--max-workers", type=int, default=4)
    return p.parse_args()


def main():
    args = parse_args()
    # Library loggers (Piper logs the text it speaks at debug level) stay at WARNING.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    sys.path.insert(0, args.gen_dir)
    import grpc
    from switchboard.v1 import speech_pb2, speech_pb2_grpc, understanding_pb2

    worker = Worker(args, speech_pb2, understanding_pb2, grpc)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=args.max_workers), options=[
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
        ("grpc.max_send_message_length", MAX_MESSAGE_BYTES)])
    speech_pb2_grpc.add_SpeechWorkerServicer_to_server(worker, server)
    port = server.add_insecure_port(f"{args.host}:{args.port}")
    if port == 0:
        log("error", "could not bind", host=args.host, port=args.port)
        sys.exit(2)
    server.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    def watch_parent():  # stdin closes when the parent process goes away, even on SIGKILL
        sys.stdin.buffer.read()
        stop.set()

    threading.Thread(target=watch_parent, daemon=True).start()
    sys.stdout.write(json.dumps({"event": "listening", "port": port}) + "\n")
    sys.stdout.flush()
    log("info", "listening", port=port, pid=os.getpid())
    threading.Thread(target=worker.load, daemon=True).start()
    stop.wait()
    server.stop(grace=1.0).wait()
    log("info", "stopped")


if __name__ == "__main__":
    main()
