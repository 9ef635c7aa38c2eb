"""End of turn: frontdesk's adaptive rule beside an audio end-of-turn model, on the same
utterances, in English, Estonian and Russian. Bounded and offline.

    python bench/end_of_turn.py [--model PATH] [--recognise] [--repeat 5] [--verbose]

Issue 11 asks: "if a small audio end-of-turn model ships on PyPI under a licence we can
use, measure it against the rule and keep the better one". The candidate is Pipecat's
smart-turn v3.2 (`smart-turn-v3.2-cpu.onnx`, 8.7 MB, BSD-2-Clause), shipped on PyPI inside
`pipecat-ai` (`pipecat/audio/turn/smart_turn/data/`); it runs here on frontdesk's own
onnxruntime, with Whisper's log-mel features computed below in numpy (no pipecat import).
`--model` points at the file; by default it is looked for in a pipecat install at
/tmp/lc/pipecat-venv (`pip download --no-deps pipecat-ai` and unzip that one file to get it).

The utterances are answers to what the receptionist asked: complete ones ("Tom Baker"
after "May I have your name?", "Yes", "I'm here to see Priya Patel") and unfinished ones,
cut mid-sentence where a caller draws breath ("I'm here to see…", "Mul on kohtumine…",
«Я к…», a first name before the family name, an introduction before the visit: "Mina olen
Mari Tamm…") before the rest follows 400 ms later. They are spoken by the project's caller
voices (Piper for English, espeak-ng for Estonian and Russian, `simulator/voices.py`); a cut
is spoken with a trailing comma (the voice's unfinished tone, where it has one), or with
`--cut whole` the whole sentence is spoken and its audio cut where the words so far end
(the same words with no phrase-final fall or lengthening: a caller stopping mid-flow).
Each utterance has one decision point: the end of its voiced audio
(a complete answer's end, or the start of the 400 ms pause).

At that point
- **the rule** (`channels/voice/endpointing.py`) judges the words so far — the scripted
  text, or with `--recognise` what the local recogniser (Whisper) hears in the audio so
  far — against the pending question: complete → 250 ms of quiet ends the turn,
  unfinished → 900 ms, open → the usual 640 ms;
- **the model** gets what Pipecat gives it: the utterance's audio (8 kHz phone audio
  resampled to 16 kHz) with 200 ms of quiet after it (Silero's stop, when Pipecat asks),
  left-padded to 8 s; probability > 0.5 is a complete turn. Its implied wait is counted two
  ways: with frontdesk's waits (complete → 250 ms, else 900 ms: the classifier swapped,
  nothing else), and with stock Pipecat's (complete → the 200 ms it already waited,
  else its 3 s `stop_secs`).
- **both**: the rule, and the model only where the rule's verdict is open (model says
  complete → 250 ms, else the usual 640 ms); its CPU is counted as the model's on every
  decision (an upper bound: the model runs only on open verdicts).

Cut-off: an unfinished utterance judged complete (250 ms < the 400 ms pause: the caller is
cut off). Late: a complete one judged unfinished. Wait: the quiet a complete answer waits
before its turn ends (an unfinished one's wait is covered by the caller resuming). CPU:
process time per decision (the rule's judgement; the model's features + inference on one
thread), the median of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import soxr

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from channels.voice.codec import SAMPLE_RATE, ulaw_to_pcm16
from channels.voice.endpointing import (
    COMPLETE_MS,
    UNFINISHED_MS,
    Pending,
    Verdict,
    end_silence_ms,
    judge,
)
from channels.voice.turns import TurnConfig
from core.messages import Language
from simulator.voices import CallerVoice

USUAL_MS = TurnConfig().end_silence_ms  # 640: the turn-taker's own quiet
PAUSE_MS = 400.0  # the breath inside an unfinished sentence
MODEL_RATE = 16_000
MODEL_SECONDS = 8
VAD_STOP_MS = 200.0  # Pipecat's Silero stop: the quiet after which it asks the model
PIPECAT_STOP_MS = 3000.0  # Pipecat's smart-turn `stop_secs`: the wait when the model says "not yet"
THRESHOLD = 0.5
DECISIONS_PER_CALL_MINUTE = 10  # pauses a caller makes per minute of a call, for the cost line
CALLS = 200
DEFAULT_MODEL_GLOB = (
    "/tmp/lc/pipecat-venv/lib/python3*/site-packages/"
    "pipecat/audio/turn/smart_turn/data/smart-turn-v3.2-cpu.onnx"
)


@dataclass(frozen=True)
class Case:
    language: Language
    expecting: str | None
    question: str
    said: str  # up to the decision point
    rest: str | None = None  # what follows the 400 ms pause; None: the answer is complete

    @property
    def complete(self) -> bool:
        return self.rest is None


def _cases() -> list[Case]:
    def en(e: str | None, q: str, said: str, rest: str | None = None) -> Case:
        return Case("en", e, q, said, rest)

    def et(e: str | None, q: str, said: str, rest: str | None = None) -> Case:
        return Case("et", e, q, said, rest)

    def ru(e: str | None, q: str, said: str, rest: str | None = None) -> Case:
        return Case("ru", e, q, said, rest)

    help_en, help_et, help_ru = "How can I help you?", "Kuidas saan aidata?", "Чем могу помочь?"
    return [
        en("visitor_name", "May I have your name, please?", "Tom Baker"),
        en("confirmation", "Priya Patel, is that right?", "Yes"),
        en("company", "Which company are you with?", "Acme Corporation"),
        en("host", "Who are you here to see?", "Priya Patel"),
        en(None, help_en, "I'm here to see Priya Patel"),
        en(None, help_en, "I have a delivery for the front desk"),
        en("confirmation", "Shall I let her know you're here?", "No, thanks"),
        en(None, help_en, "I'm here to see", "Priya Patel"),
        en("visitor_name", "May I have your name, please?", "My name is", "Tom Baker"),
        en(None, help_en, "I have a meeting with", "Tom at ten"),
        en("host", "Who are you here to see?", "I'm meeting", "Priya Patel"),
        en("company", "Which company are you with?", "I'm from", "Acme"),
        en(None, help_en, "I'd like to", "pick up a parcel"),
        en("confirmation", "Priya Patel, is that right?", "Yes, and", "I have a parcel too"),
        en(None, help_en, "I came for the interview", "with Priya Patel"),
        en(None, help_en, "I'm here to see Priya", "Patel"),  # the family name after a breath
        et("visitor_name", "Kuidas on teie nimi?", "Mari Tamm"),
        et("confirmation", "Priya Patel, kas on õige?", "Jah"),
        et("company", "Millisest ettevõttest te olete?", "Telia"),
        et("host", "Kellega teil on kohtumine?", "Priya Pateliga"),
        et(None, help_et, "Mul on kohtumine Priya Pateliga"),
        et(None, help_et, "Tõin vastuvõttu paki"),
        et(None, help_et, "Tulin Priya Pateli juurde"),
        et("confirmation", "Kas annan talle teada, et olete kohal?", "Ei, aitäh"),
        et(None, help_et, "Mul on kohtumine", "Priya Pateliga"),
        et("visitor_name", "Kuidas on teie nimi?", "Minu nimi on", "Mari Tamm"),
        et("host", "Kellega teil on kohtumine?", "Ma tulin", "Priya Pateli juurde"),
        et("company", "Millisest ettevõttest te olete?", "Ma olen", "Telia esindaja"),
        et(None, help_et, "Ma tahaksin", "paki ära tuua"),
        et("confirmation", "Priya Patel, kas on õige?", "Jah, ja", "mul on ka pakk"),
        et(None, help_et, "Ma tulin tööintervjuule", "Priya Pateli juurde"),
        et(None, help_et, "Mina olen Mari Tamm", "ja tulin Priya Pateli juurde"),  # introduction
        ru("visitor_name", "Как вас зовут?", "Иван Петров"),
        ru("confirmation", "Прия Патель, верно?", "Да"),
        ru("company", "Из какой вы компании?", "Акме"),
        ru("host", "К кому вы пришли?", "К Прие Патель"),
        ru(None, help_ru, "Я к Прие Патель"),
        ru(None, help_ru, "Я принёс посылку на ресепшен"),
        ru("confirmation", "Сообщить ей, что вы пришли?", "Нет, спасибо"),
        ru(None, help_ru, "Я к", "Прие Патель"),
        ru("visitor_name", "Как вас зовут?", "Меня зовут", "Иван Петров"),
        ru(None, help_ru, "У меня встреча с", "Прией Патель"),
        ru("company", "Из какой вы компании?", "Я из", "компании Акме"),
        ru(None, help_ru, "Я хотел бы", "забрать посылку"),
        ru("confirmation", "Прия Патель, верно?", "Да, и", "у меня ещё посылка"),
        ru(None, help_ru, "Я пришёл на собеседование", "к Прие Патель"),
        ru(None, help_ru, "Меня зовут Иван Петров", "и я к Прие Патель"),  # introduction
    ]


# --- Whisper's log-mel features (what transformers' WhisperFeatureExtractor computes with
# chunk_length=8, do_normalize=True), in numpy -----------------------------------------

N_FFT, HOP, N_MELS = 400, 160, 80


def _slaney_mel(hz: np.ndarray) -> np.ndarray:
    mel = 3.0 * hz / 200.0
    log = hz >= 1000.0
    mel[log] = 15.0 + np.log(hz[log] / 1000.0) * (27.0 / np.log(6.4))
    return mel


def _slaney_hz(mel: np.ndarray) -> np.ndarray:
    hz = 200.0 * mel / 3.0
    log = mel >= 15.0
    hz[log] = 1000.0 * np.exp(np.log(6.4) / 27.0 * (mel[log] - 15.0))
    return hz


def _mel_filters() -> np.ndarray:
    """(N_FFT/2+1, N_MELS): Slaney-scale triangles with Slaney area normalisation."""
    edges = _slaney_hz(np.linspace(0.0, _slaney_mel(np.array([MODEL_RATE / 2.0]))[0], N_MELS + 2))
    bins = np.linspace(0, MODEL_RATE // 2, N_FFT // 2 + 1)
    slopes = edges[None, :] - bins[:, None]
    gaps = np.diff(edges)
    down = -slopes[:, :-2] / gaps[:-1]
    up = slopes[:, 2:] / gaps[1:]
    filters: np.ndarray = np.maximum(0.0, np.minimum(down, up))
    filters *= (2.0 / (edges[2:] - edges[:-2]))[None, :]
    return filters


MEL_FILTERS = _mel_filters()
HANN = np.hanning(N_FFT + 1)[:-1]  # periodic


def log_mel(audio: np.ndarray) -> np.ndarray:
    """(80, 800) float32 from 8 s of 16 kHz float audio."""
    x = audio.astype(np.float32)
    x = (x - x.mean()) / np.sqrt(x.var() + 1e-7)
    padded = np.pad(x.astype(np.float64), (N_FFT // 2, N_FFT // 2), mode="reflect")
    windows = np.lib.stride_tricks.sliding_window_view(padded, N_FFT)[::HOP]
    power = np.abs(np.fft.rfft(windows * HANN, axis=-1)) ** 2
    spec = np.log10(np.maximum(1e-10, power @ MEL_FILTERS)).T[:, :-1]
    spec = np.maximum(spec, spec.max() - 8.0)
    features: np.ndarray = ((spec + 4.0) / 4.0).astype(np.float32)
    return features


class SmartTurn:
    """Pipecat's smart-turn v3 ONNX model on one thread, as Pipecat runs it."""

    def __init__(self, path: Path) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.inter_op_num_threads = 1
        options.intra_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session: Any = onnxruntime.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )

    def probability(self, audio: np.ndarray) -> float:
        """P(the turn is over) for 16 kHz float audio ending where the decision is made."""
        samples = MODEL_RATE * MODEL_SECONDS
        audio = audio[-samples:]
        audio = np.pad(audio, (samples - len(audio), 0))
        features = log_mel(audio)[None, :, :]
        out = self._session.run(None, {"input_features": features})
        return float(np.asarray(out[0]).reshape(-1)[0])


def model_input(ulaw: bytes) -> np.ndarray:
    """The phone audio as Pipecat's turn analyser holds it when Silero stops: the speech,
    then VAD_STOP_MS of quiet, at 16 kHz."""
    pcm = ulaw_to_pcm16(ulaw).astype(np.float32) / 32768.0
    audio = soxr.resample(pcm, SAMPLE_RATE, MODEL_RATE, quality="HQ")
    quiet = np.zeros(int(MODEL_RATE * VAD_STOP_MS / 1000), dtype=np.float32)
    return np.concatenate([np.zeros_like(quiet), audio.astype(np.float32), quiet])


def cpu_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median process time of one call, in ms."""
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


@dataclass
class Row:
    case: Case
    text: str  # what the rule judged
    verdict: Verdict
    rule_wait: float
    rule_cpu_ms: float
    probability: float
    recognise_cpu_ms: float  # the local recogniser's pass over the audio so far (--recognise)
    model_cpu_ms: float


def find_model(given: str | None) -> Path:
    if given:
        return Path(given)
    found = sorted(glob.glob(DEFAULT_MODEL_GLOB))
    if not found:
        raise SystemExit(
            "smart-turn-v3.2-cpu.onnx not found: pass --model PATH (it is in the pipecat-ai "
            "wheel: pip download --no-deps pipecat-ai, then unzip "
            "'pipecat/audio/turn/smart_turn/data/smart-turn-v3.2-cpu.onnx')"
        )
    return Path(found[-1])


async def measure(
    cases: Sequence[Case], model: SmartTurn, recognise: bool, cut: str, repeat: int
) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="eot-models-") as models:
        return await _measure(cases, model, Path(models) if recognise else None, cut, repeat)


async def _measure(
    cases: Sequence[Case], model: SmartTurn, models: Path | None, cut: str, repeat: int
) -> list[Row]:
    voice = CallerVoice()
    recogniser: Any = None
    if models is not None:
        from channels.voice.stt.whisper_local import WhisperLocal

        recogniser = WhisperLocal(models, cpu_threads=1)
        await recogniser.preload()  # loading is not a decision's cost
    rows = []
    for case in cases:
        spoken = case.said if case.complete else f"{case.said},"
        ulaw = await voice.speak(spoken, case.language)
        if cut == "whole" and not case.complete:
            whole = await voice.speak(f"{case.said} {case.rest}", case.language)
            ulaw = whole[: len(ulaw)]  # the same words, without a phrase's final fall
        recognise_ms = 0.0
        if recogniser is not None:
            started = time.process_time()
            text = (await recogniser.recognise(ulaw, case.language)).text
            recognise_ms = (time.process_time() - started) * 1000
        else:
            text = case.said
        pending = Pending(case.expecting, case.question)

        def rule(text: str = text, pending: Pending = pending, case: Case = case) -> float:
            return end_silence_ms(text, pending, case.language, usual_ms=USUAL_MS)

        audio = model_input(ulaw)
        probability = model.probability(audio)

        def infer(audio: np.ndarray = audio) -> float:
            return model.probability(audio)

        rows.append(
            Row(
                case=case,
                text=text,
                verdict=judge(text, pending, case.language),
                rule_wait=rule(),
                rule_cpu_ms=cpu_ms(lambda: [rule() for _ in range(1000)], repeat) / 1000,
                probability=probability,
                recognise_cpu_ms=recognise_ms,
                model_cpu_ms=cpu_ms(infer, repeat),
            )
        )
    if recogniser is not None:
        await recogniser.aclose()
    return rows


@dataclass
class Score:
    complete_right: int = 0
    complete_total: int = 0
    late: int = 0
    unfinished_right: int = 0
    unfinished_total: int = 0
    cutoffs: int = 0
    waits: list[float] | None = None
    cpu: list[float] | None = None


def score(
    rows: Sequence[Row],
    decide: Callable[[Row], Verdict],
    wait: Callable[[Row], float],
    cpu: Callable[[Row], float],
) -> Score:
    s = Score(waits=[], cpu=[])
    assert s.waits is not None and s.cpu is not None
    for row in rows:
        verdict = decide(row)
        s.cpu.append(cpu(row))
        if row.case.complete:
            s.complete_total += 1
            s.complete_right += verdict is Verdict.COMPLETE
            s.late += verdict is Verdict.UNFINISHED
            s.waits.append(wait(row))
        else:
            s.unfinished_total += 1
            s.unfinished_right += verdict is Verdict.UNFINISHED
            s.cutoffs += wait(row) < PAUSE_MS
    return s


def model_verdict(row: Row) -> Verdict:
    return Verdict.COMPLETE if row.probability > THRESHOLD else Verdict.UNFINISHED


def report(rows: Sequence[Row], verbose: bool) -> None:
    if verbose:
        print(f"{'lang':4} {'kind':10} {'rule judged':40} {'rule':>10} {'wait':>5} {'P(end)':>6}")
        for r in rows:
            kind = "complete" if r.case.complete else "unfinished"
            print(
                f"{r.case.language:4} {kind:10} {r.text[:40]:40} {r.verdict:>10} "
                f"{r.rule_wait:5.0f} {r.probability:6.3f}"
            )
        print()

    def rule_wait(r: Row) -> float:
        return r.rule_wait

    def model_wait(r: Row) -> float:
        return COMPLETE_MS if r.probability > THRESHOLD else UNFINISHED_MS

    def pipecat_wait(r: Row) -> float:
        return VAD_STOP_MS if r.probability > THRESHOLD else PIPECAT_STOP_MS

    def hybrid_verdict(r: Row) -> Verdict:
        return model_verdict(r) if r.verdict is Verdict.OPEN else r.verdict

    def hybrid_wait(r: Row) -> float:
        if r.verdict is not Verdict.OPEN:
            return r.rule_wait
        return COMPLETE_MS if r.probability > THRESHOLD else USUAL_MS

    methods: list[tuple[str, Callable[[Row], Verdict], Callable[[Row], float], bool]] = [
        ("rule", lambda r: r.verdict, rule_wait, False),
        ("rule, the model when open", hybrid_verdict, hybrid_wait, True),
        ("model, frontdesk's waits", model_verdict, model_wait, True),
        ("model, Pipecat's waits", model_verdict, pipecat_wait, True),
    ]
    print(
        f"{'method':26} {'lang':4} {'complete ok':>11} {'late':>4} "
        f"{'unfinished ok':>13} {'cut-offs':>8} {'wait ms':>7} {'CPU ms':>8}"
    )
    means: dict[str, tuple[float, float, int]] = {}
    for name, decide, wait, is_model in methods:
        for language in ("en", "et", "ru", "all"):
            subset = [r for r in rows if language == "all" or r.case.language == language]
            s = score(
                subset,
                decide,
                wait,
                (lambda r: r.model_cpu_ms) if is_model else (lambda r: r.rule_cpu_ms),
            )
            assert s.waits is not None and s.cpu is not None
            mean_wait = statistics.fmean(s.waits)
            mean_cpu = statistics.fmean(s.cpu)
            print(
                f"{name:26} {language:4} {s.complete_right:>5}/{s.complete_total:<5} "
                f"{s.late:>4} {s.unfinished_right:>7}/{s.unfinished_total:<5} "
                f"{s.cutoffs:>8} {mean_wait:>7.0f} {mean_cpu:>8.3f}"
            )
            if language == "all":
                means[name] = (mean_wait, mean_cpu, s.cutoffs)
    rule_wait_ms, rule_cpu, _ = means["rule"]
    model_wait_ms, model_cpu, _ = means["model, frontdesk's waits"]
    print()
    print(
        f"model / rule: wait on complete answers {model_wait_ms / rule_wait_ms:.2f}x, "
        f"CPU per decision {model_cpu / rule_cpu:,.0f}x"
    )
    if any(r.recognise_cpu_ms for r in rows):
        passes = {
            language: statistics.median(
                r.recognise_cpu_ms for r in rows if r.case.language == language
            )
            for language in ("en", "et", "ru")
        }
        per_language = ", ".join(f"{language} {ms:.0f}" for language, ms in passes.items())
        print(
            "the rule's words from the local recogniser: CPU ms per pass at a pause "
            f"{per_language} "
            "(median; tiny.en for English, base otherwise; reused when the turn ends with no "
            "audio after it)"
        )
    per_minute_s = model_cpu * DECISIONS_PER_CALL_MINUTE / 1000
    print(
        f"model at {DECISIONS_PER_CALL_MINUTE} decisions per call-minute: "
        f"{per_minute_s:.2f} CPU-s per call-minute "
        f"(issue 11's whole budget is 0.5), {per_minute_s * CALLS / 60:.2f} cores "
        f"for {CALLS} calls"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--model", help="smart-turn-v3.x ONNX file (default: a pipecat install)")
    parser.add_argument(
        "--recognise",
        action="store_true",
        help="judge what the local recogniser hears (Whisper) instead of the scripted text",
    )
    parser.add_argument(
        "--cut",
        choices=("alone", "whole"),
        default="alone",
        help="an unfinished utterance's audio: its words spoken alone (with a comma), or the "
        "whole sentence's audio cut where those words end",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per decision")
    parser.add_argument("--verbose", action="store_true", help="print every utterance")
    args = parser.parse_args()
    if not 1 <= args.repeat <= 100:
        parser.error("--repeat must be between 1 and 100")
    path = find_model(args.model)
    if not path.is_file():
        parser.error(f"no model file at {path}")
    model = SmartTurn(path)
    print(f"model: {path.name} ({path.stat().st_size / 1e6:.1f} MB)")
    model.probability(np.zeros(MODEL_RATE, dtype=np.float32))  # warm-up
    rows = asyncio.run(measure(_cases(), model, args.recognise, args.cut, args.repeat))
    report(rows, args.verbose)


if __name__ == "__main__":
    main()
