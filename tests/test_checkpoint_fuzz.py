"""Fuzz: damaged and hostile variants of a genuine checkpoint, each opened as a learner would
(``main.py eval --checkpoint FILE``, run in-process). Each one is either refused with one clear line on
stderr and a non-zero exit, or evaluates to exactly the genuine result. No traceback, no warning, no
payload ever runs, and the file is never modified.
"""
from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import pickle
import warnings
import zipfile
from pathlib import Path

import numpy as np
import torch

from tasks import LESSONS
from tasks.mnist_rows import MnistRows
from workbench import cli
from workbench.checkpoint import (
    FORMAT,
    description_digest,
    save_checkpoint,
    weights_digest,
)
from workbench.spec import ModelSpec, TrainConfig

SPEC = ModelSpec(cell="lstm", hidden_size=8)


class RunsCode:
    """Unpickling this would run a shell command that leaves a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


class OpensFile:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def raw_payload(path: Path) -> dict:
    return torch.load(path, map_location="cpu", weights_only=True)


def redigest(payload: dict) -> dict:
    """Make the digests match the payload again, so only the semantic checks can catch the change."""
    payload["meta"]["digest"]["weights"] = weights_digest(payload["state_dict"])
    payload["meta"]["digest"]["description"] = description_digest(payload["task"], payload["spec"], payload["config"])
    return payload


def data_records(raw: bytes) -> list[tuple[int, int]]:
    """(start, size) of each tensor's bytes inside a torch zip file (stored uncompressed)."""
    records = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for info in archive.infolist():
            if "/data/" in info.filename and info.file_size:
                offset = info.header_offset
                name_length = int.from_bytes(raw[offset + 26:offset + 28], "little")
                extra_length = int.from_bytes(raw[offset + 28:offset + 30], "little")
                records.append((offset + 30 + name_length + extra_length, info.file_size))
    return records


def flip(raw: bytes, position: int, bit: int) -> bytes:
    changed = bytearray(raw)
    changed[position] ^= 1 << bit
    return bytes(changed)


def variants(genuine: Path, marker: Path) -> list[tuple[str, object]]:
    """(family, bytes or a function that writes the file) for every variant."""
    rng = np.random.default_rng(2026)
    raw = genuine.read_bytes()
    payload = raw_payload(genuine)
    found: list[tuple[str, object]] = []

    # Junk: random bytes, some dressed as a zip or a pickle, text, NUL bytes.
    for index in range(60):
        data = bytes(rng.integers(0, 256, int(rng.integers(1, 4000)), dtype=np.uint8))
        prefix = [b"", b"PK\x03\x04", b"\x80\x02", b"\x80\x04\x95", b"PK\x05\x06"][index % 5]
        found.append(("junk", prefix + data))
    found += [("junk", b"hello, I am a text file\n" * 20), ("junk", b"\x00" * 5000), ("junk", b"{}"),
              ("junk", json.dumps({"format": 2}).encode())]

    # Truncations, spread over the file and just before its end.
    for cut in np.linspace(1, len(raw) - 1, 26).astype(int).tolist() + [len(raw) - k for k in (1, 2, 22, 100)]:
        found.append(("truncated", raw[:cut]))

    # Bit flips inside the tensors' bytes: torch itself loads these without a word.
    records = data_records(raw)
    assert records, "no tensor records found in the genuine checkpoint"
    for _ in range(60):
        start, size = records[int(rng.integers(len(records)))]
        found.append(("flip in tensor data", flip(raw, start + int(rng.integers(size)), int(rng.integers(8)))))

    # Bit flips anywhere in the file.
    for _ in range(40):
        found.append(("flip anywhere", flip(raw, int(rng.integers(len(raw))), int(rng.integers(8)))))

    # Pickles that would run code, inside every part of a checkpoint and as a bare legacy pickle.
    for place in ("state_dict", "meta", "spec", "config", "resume", "top"):
        for evil in (RunsCode(marker), OpensFile(marker)):
            def write(path, place=place, evil=evil):
                hostile = copy.deepcopy(payload)
                if place == "top":
                    hostile = {"format": FORMAT, "evil": evil}
                elif place == "state_dict":
                    hostile["state_dict"]["evil"] = evil
                else:
                    hostile[place] = {"x": evil}
                torch.save(hostile, path)
            found.append(("runs code", write))
    found.append(("runs code", pickle.dumps(RunsCode(marker), protocol=2)))
    found.append(("runs code", pickle.dumps({"state_dict": OpensFile(marker)}, protocol=4)))

    # Wrong shapes, dtypes and values, with the digests made to match (only semantic checks catch them),
    # and a few without (the digest catches them).
    first = next(name for name in sorted(payload["state_dict"]) if payload["state_dict"][name].dim() == 2)

    def tensor_variant(change, matching_digest=True):
        def write(path):
            changed = copy.deepcopy(payload)
            change(changed["state_dict"])
            torch.save(redigest(changed) if matching_digest else changed, path)
        return write

    changes = {
        "transposed": lambda sd: sd.__setitem__(first, sd[first].t().contiguous()),
        "reshaped": lambda sd: sd.__setitem__(first, sd[first].reshape(-1)),
        "float64": lambda sd: sd.__setitem__(first, sd[first].double()),
        "float16": lambda sd: sd.__setitem__(first, sd[first].half()),
        "int64": lambda sd: sd.__setitem__(first, sd[first].long()),
        "bool": lambda sd: sd.__setitem__(first, sd[first] > 0),
        "nan": lambda sd: sd[first].view(-1).__setitem__(0, float("nan")),
        "inf": lambda sd: sd[first].view(-1).__setitem__(-1, float("inf")),
        "missing tensor": lambda sd: sd.pop(first),
        "extra tensor": lambda sd: sd.__setitem__("extra.weight", torch.zeros(3)),
        "empty tensor": lambda sd: sd.__setitem__(first, torch.zeros(0)),
        "scalar": lambda sd: sd.__setitem__(first, torch.tensor(1.0)),
    }
    for name, change in changes.items():
        found.append((f"tensor: {name}", tensor_variant(change)))
        found.append((f"tensor: {name} (digest not updated)", tensor_variant(change, matching_digest=False)))

    # Missing or mistyped entries.
    def entry_variant(change):
        def write(path):
            changed = copy.deepcopy(payload)
            change(changed)
            torch.save(changed, path)
        return write

    for key in ("format", "task", "spec", "config", "state_dict", "meta"):
        found.append((f"missing {key}", entry_variant(lambda p, key=key: p.pop(key))))
        for wrong in (None, 7, "text", [1, 2], torch.zeros(2)):
            found.append((f"mistyped {key}", entry_variant(lambda p, key=key, wrong=wrong: p.__setitem__(key, wrong))))
    for version in (0, 3, -1, "2", True, 2.0, 10**30):
        found.append(("format", entry_variant(lambda p, version=version: p.__setitem__("format", version))))
    found.append(("digest", entry_variant(lambda p: p["meta"].pop("digest"))))
    found.append(("digest", entry_variant(lambda p: p["meta"]["digest"].__setitem__("weights", "0" * 64))))
    found.append(("digest", entry_variant(lambda p: p["meta"]["digest"].__setitem__("algorithm", "md5"))))
    found.append(("spec", entry_variant(lambda p: p["spec"].__setitem__("hidden_size", 9))))
    found.append(("spec", entry_variant(lambda p: redigest(p) if p["spec"].__setitem__("hidden_size", 9) is None
                                        else None)))
    found.append(("spec", entry_variant(lambda p: redigest(p) if p["spec"].__setitem__("hidden_size", 10**6) is None
                                        else None)))
    found.append(("spec", entry_variant(lambda p: redigest(p) if p["spec"].__setitem__("cell", "transformer") is None
                                        else None)))
    found.append(("spec", entry_variant(lambda p: redigest(p) if p["spec"].__setitem__("surprise", 1) is None
                                        else None)))
    found.append(("task", entry_variant(lambda p: redigest(p) if p.__setitem__("task", "poetry") is None else None)))
    found.append(("task", entry_variant(lambda p: redigest(p) if p.__setitem__("task", "sine-forecast") is None
                                        else None)))
    found.append(("config", entry_variant(lambda p: p["config"].__setitem__("seed", 2))))
    # Harmless changes: older format without checksums, different metadata. These must open identically.
    found.append(("format 1", entry_variant(lambda p: (p.__setitem__("format", 1), p["meta"].pop("digest")))))
    found.append(("meta", entry_variant(lambda p: p["meta"].__setitem__("metrics", {"test_accuracy": 1.0}))))
    found.append(("meta", entry_variant(lambda p: p["meta"].__setitem__("saved", "yesterday"))))
    found.append(("meta", entry_variant(lambda p: p.__setitem__("meta", {**p["meta"], "note": "hi"}))))
    return found


def run_eval(path: Path, capsys) -> tuple[int, str, str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = cli.main(["eval", "--checkpoint", str(path)], LESSONS)
    out, err = capsys.readouterr()
    assert not [w for w in caught if "torch" in str(w.filename)], [str(w.message) for w in caught]
    return code, out, err


def test_every_damaged_or_hostile_checkpoint_is_refused_clearly_or_evaluates_identically(tmp_path, capsys):
    torch.manual_seed(0)
    genuine = save_checkpoint(tmp_path / "genuine.pt", "mnist-rows", SPEC, MnistRows().build(SPEC), TrainConfig())
    code, out, _ = run_eval(genuine, capsys)
    assert code == 0
    reference = json.loads(out.strip().splitlines()[-1])
    marker = tmp_path / "PAYLOAD_RAN"
    outcomes: dict[str, int] = {"refused": 0, "identical": 0}
    wrong: list[str] = []
    cases = variants(genuine, marker)
    for number, (family, make) in enumerate(cases):
        path = tmp_path / f"variant{number}.pt"
        if isinstance(make, bytes):
            path.write_bytes(make)
        else:
            make(path)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        code, out, err = run_eval(path, capsys)
        lines = err.strip().splitlines()
        if code == 0:
            metrics = json.loads(out.strip().splitlines()[-1])
            same = all(metrics[key] == reference[key] for key in ("test_loss", "test_accuracy"))
            outcomes["identical" if same else "DIFFERENT"] = outcomes.get("identical" if same else "DIFFERENT", 0) + 1
            if not same:
                wrong.append(f"{family}: evaluated to {metrics['test_loss']} instead of {reference['test_loss']}")
        elif code == cli.EXIT_FAILED and len(lines) == 1 and lines[0].startswith("rnn-workbench: error: ") \
                and not lines[0].startswith("rnn-workbench: error: unexpected "):   # the CLI's "a bug" line
            outcomes["refused"] += 1
        else:
            wrong.append(f"{family}: exit {code}, stderr {err!r}")
        assert "Traceback" not in err
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before, f"{family}: the file was modified"
        path.unlink()
    print(f"\ncheckpoint fuzz: {len(cases)} variants, {outcomes}")
    assert not marker.exists(), "a payload inside a checkpoint ran"
    assert not wrong, "\n".join(wrong)
    assert len(cases) >= 200
    assert outcomes["identical"] >= 4     # format 1 and changed metadata still open
    assert outcomes["refused"] >= 250
