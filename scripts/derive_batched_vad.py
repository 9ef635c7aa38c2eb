"""Derive the VAD model the voice channel ships (channels/voice/silero_vad_v6_batched.onnx)
from Silero VAD v6 as faster-whisper 1.2.1 ships it, so that one run scores the windows of
many calls side by side.

    .venv/bin/python scripts/derive_batched_vad.py [--out PATH]

Silero's v6 export reads the rows of its `input` [n, 576] as consecutive windows of one
stream: after the convolutional encoder (each row → [128, 1] features) a Transpose with
perm [0, 2, 1] makes them [n, 1, 128], and the LSTM (layout 0: [sequence, batch, size])
walks them as a sequence of n steps carrying one state `h`, `c` [1, 1, 128].

The one change: that Transpose's perm becomes [2, 0, 1], so the features are [1, n, 128]:
a sequence of one step for a batch of n streams, each row with its own state, `h`, `c`
(and `hn`, `cn`) [1, n, 128]. Everything after it already works per row (the decoder's
Squeeze, ReLU, Transpose [1, 2, 0] and 1×1 convolution give [n, 1, 1], reshaped to [n]).
The weights, the other 24 nodes and the opset are untouched; the shapes the exporter
recorded for the intermediate tensors (for one stream) are inferred again. With n = 1
the derived model computes exactly what the original does.

Needs the `onnx` package (the dev extra pins it, so the output is the same bytes every
time: tests/voice/test_vad_batched_model.py checks that it reproduces the shipped file).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.resources
from pathlib import Path

import onnx

SOURCE_SHA256 = "4cbf549b8326f60f80f2536d9eefeb450a9abe83365a098031c89719f1be17d2"
SHIPPED = Path(__file__).resolve().parent.parent / "channels/voice/silero_vad_v6_batched.onnx"


def source_path() -> Path:
    return Path(str(importlib.resources.files("faster_whisper") / "assets" / "silero_vad_v6.onnx"))


def derive(source: Path) -> onnx.ModelProto:
    data = source.read_bytes()
    if hashlib.sha256(data).hexdigest() != SOURCE_SHA256:
        raise SystemExit(f"{source} is not Silero VAD v6 as faster-whisper 1.2.1 ships it")
    model = onnx.load_from_string(data)
    graph = model.graph
    (transpose,) = [node for node in graph.node if node.name == "/Transpose"]
    (perm,) = transpose.attribute
    assert perm.name == "perm" and list(perm.ints) == [0, 2, 1]
    (lstm,) = [node for node in graph.node if node.op_type == "LSTM"]
    assert lstm.input[0] == transpose.output[0]
    assert [a.name for a in lstm.attribute] == ["hidden_size"]  # layout 0: [seq, batch, size]
    del perm.ints[:]
    perm.ints.extend([2, 0, 1])
    # The streams side by side: the first axis of `input` and `speech_probs`, the second
    # of the states.
    for value in [*graph.input, *graph.output]:
        axis = 1 if value.name in ("h", "c", "hn", "cn") else 0
        dim = value.type.tensor_type.shape.dim[axis]
        dim.ClearField("dim_value")
        dim.dim_param = "streams"
    del graph.value_info[:]  # recorded for one stream; inferred again below
    model = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    onnx.checker.check_model(model, full_check=True)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args()
    model = derive(source_path())
    args.out.write_bytes(model.SerializeToString())
    print(args.out, hashlib.sha256(args.out.read_bytes()).hexdigest())


if __name__ == "__main__":
    main()
