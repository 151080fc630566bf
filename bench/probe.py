#!/usr/bin/env python3
"""Backbeat as a hostile user meets it: the probe classes of issue 25, re-runnable.

Runs the CLI (one JVM per case, each under a 60 s timeout) on damaged MIDI files, damaged model
files, out-of-range values, killed and concurrent trainings, and counts what must never happen:
a stack trace, a hang, a crash (a signal or a JVM error file), an error without a one-line reason,
and anything lost (a model file that no longer opens after a kill). Prints one line per failing
case and a table per class; exits 1 when any count is not 0.

    bench/probe.py [--jar target/backbeat.jar] [--classes midi,model,values,training,concurrency]

Needs a built jar (mvn package) and the shipped model. Takes about 5 minutes on 2 cores.
"""
import argparse
import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60


class Probe:
    def __init__(self, jar, work):
        self.java = ["java", "@" + str(ROOT / "jvm.flags"), "-jar", str(jar)]
        self.work = work
        self.results = {}  # class -> list of (case, problem or None)

    def run(self, cls, case, args, expect_ok=False, cwd=None):
        """Runs one CLI case; returns (rc, stdout, stderr) and records what went wrong, if anything."""
        cwd = cwd or ROOT  # commands without --model open the shipped models/default.bbm from here
        before = set(Path(cwd).glob("hs_err_pid*.log"))
        try:
            p = subprocess.run(self.java + args, capture_output=True, text=True, timeout=TIMEOUT_S,
                               cwd=cwd)
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            self.record(cls, case, f"hang (> {TIMEOUT_S} s)")
            return None, "", ""
        problem = None
        text = out + err
        if "\tat " in text or "Exception in thread" in text or "\nCaused by:" in text:
            problem = "stack trace: " + first_line(err or out)
        elif rc < 0 or rc >= 128 or set(Path(cwd).glob("hs_err_pid*.log")) - before:
            problem = f"crash (exit {rc})"
        elif expect_ok and rc != 0:
            problem = f"failed (exit {rc}): " + first_line(err)
        elif rc != 0 and not reason_lines(err) and not reason_lines(out):  # inspect reports on stdout
            problem = f"exit {rc} without a reason"
        elif rc != 0 and len(reason_lines(err)) > 2:
            problem = f"exit {rc} with a {len(reason_lines(err))}-line reason: " + first_line(err)
        self.record(cls, case, problem)
        return rc, out, err

    def record(self, cls, case, problem):
        self.results.setdefault(cls, []).append((case, problem))
        if problem:
            print(f"  FAIL {cls}/{case}: {problem}", flush=True)

    def report(self):
        print(f"\n{'class':<13}{'cases':>7}{'failed':>8}")
        bad = 0
        for cls, rows in self.results.items():
            failed = sum(1 for _, p in rows if p)
            bad += failed
            print(f"{cls:<13}{len(rows):>7}{failed:>8}")
        print(f"{'all':<13}{sum(len(r) for r in self.results.values()):>7}{bad:>8}")
        return bad


def first_line(text):
    lines = reason_lines(text)
    return lines[0][:160] if lines else ""


def reason_lines(text):
    """The lines a user reads: without the JVM's own warning about the Vector API module."""
    return [l for l in text.splitlines() if l.strip() and "incubator modules" not in l]


# ------------------------------------------------------------------------------------------ MIDI

def vlq(n):
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.insert(0, 0x80 | (n & 0x7F))
        n >>= 7
    return bytes(out)


def smf(tracks, fmt=0, division=480):
    data = b"MThd" + struct.pack(">IHHH", 6, fmt, len(tracks), division)
    for t in tracks:
        data += b"MTrk" + struct.pack(">I", len(t)) + t
    return data


def drum_track(bars=4, delta_scale=1):
    """A plain 4/4 groove on channel 10: kick on beats, snare on 2 and 4, hats on eighths."""
    ev = b"\x00\xff\x58\x04\x04\x02\x18\x08" + b"\x00\xff\x51\x03\x07\xa1\x20"
    for step in range(bars * 16):
        notes = []
        if step % 2 == 0:
            notes.append(42)
        if step % 4 == 0:
            notes.append(36 if (step // 4) % 2 == 0 else 38)
        first = True
        for n in notes:
            ev += vlq(0 if not first else 120 * delta_scale) + bytes([0x99, n, 100])
            first = False
        if not notes:
            ev += vlq(120 * delta_scale) + b"\xff\x01\x00"
    ev += b"\x00\xff\x2f\x00"
    return ev


def midi_cases(rnd):
    good = smf([drum_track()])
    yield "good", good, True
    # truncated at every chunk boundary and inside each chunk
    for cut in sorted({0, 1, 4, 8, 13, 14, 18, 22, 23, len(good) // 2, len(good) - 4, len(good) - 1}):
        yield f"truncated-{cut}", good[:cut], False
    for i in range(12):
        b = bytearray(good)
        for _ in range(1 + i):
            b[rnd.randrange(14, len(b))] = rnd.randrange(256)
        yield f"flipped-{i}", bytes(b), None
    yield "zero-ppq", smf([drum_track()], division=0), False
    yield "smpte", smf([drum_track()], division=0xE728), None
    yield "type-2", smf([drum_track(), drum_track()], fmt=2), None
    yield "track-length-overrun", good[:18] + struct.pack(">I", 10 ** 9) + good[22:], False
    yield "65535-tracks-declared", good[:10] + struct.pack(">H", 65535) + good[12:], None
    yield "huge-delta", smf([b"\x00\x99\x24\x64" + vlq(0x0FFFFFFF) + b"\x99\x26\x64\x00\xff\x2f\x00"]), None
    yield "running-status", smf([b"\x00\x99\x24\x64\x78\x26\x64\x78\x2a\x64\x00\xff\x2f\x00"]), None
    yield "no-drums", smf([drum_track().replace(b"\x99", b"\x90")]), None
    yield "empty", b"", False
    yield "png", b"\x89PNG\r\n\x1a\n" + bytes(rnd.randrange(256) for _ in range(200)), False
    yield "3-4", smf([drum_track().replace(b"\xff\x58\x04\x04", b"\xff\x58\x04\x03")]), None


def probe_midi(p, rnd):
    d = p.work / "midi"
    d.mkdir()
    for name, data, ok in midi_cases(rnd):
        f = d / f"{name}.mid"
        f.write_bytes(data)
        for cmd in (["inspect", str(f)], ["encode", str(f)],
                    ["render", str(f), "--out", str(d / f"{name}.wav"), "--overwrite"]):
            p.run("midi", f"{cmd[0]}:{name}", cmd, expect_ok=bool(ok))
    (d / "loop").symlink_to(d / "loop")
    p.run("midi", "inspect:symlink-loop", ["inspect", str(d / "loop")])
    (d / "dir.mid").mkdir()
    p.run("midi", "encode:directory", ["encode", str(d / "dir.mid")])
    p.run("midi", "inspect:missing", ["inspect", str(d / "missing.mid")])
    p.run("midi", "inspect:folder", ["inspect", str(d)], expect_ok=True)


# ---------------------------------------------------------------------------------------- models

def probe_models(p, rnd):
    d = p.work / "models"
    d.mkdir()
    good = (ROOT / "models" / "default.bbm").read_bytes()
    cases = {"empty": b"", "text": b"not a model\n", "truncated-half": good[: len(good) // 2],
             "truncated-end": good[:-100]}
    for i in range(6):
        b = bytearray(good)
        pos = rnd.randrange(100, len(b) - 100)
        b[pos] ^= 0xFF
        cases[f"flipped-{i}"] = bytes(b)
    (d / "good.bbm").write_bytes(good)
    with zipfile.ZipFile(d / "good.bbm") as z, zipfile.ZipFile(d / "no-config.bbm", "w") as out:
        for item in z.infolist():
            if item.filename != "config.json":
                out.writestr(item, z.read(item.filename))
    with zipfile.ZipFile(d / "good.bbm") as z, zipfile.ZipFile(d / "bad-config.bbm", "w") as out:
        for item in z.infolist():
            body = z.read(item.filename)
            if item.filename == "config.json":
                cfg = json.loads(body)
                for k in cfg:
                    if isinstance(cfg[k], int):
                        cfg[k] = -7
                body = json.dumps(cfg).encode()
            out.writestr(item, body)
    for name, data in cases.items():
        (d / f"{name}.bbm").write_bytes(data)
    for f in sorted(d.glob("*.bbm")):
        ok = f.name == "good.bbm"
        p.run("model", f"sample:{f.stem}", ["sample", "--model", str(f), "--out", str(d / f"out-{f.stem}"),
                                            "--count", "1"], expect_ok=ok)
        p.run("model", f"inspect:{f.stem}", ["inspect", str(f)], expect_ok=ok)


# ---------------------------------------------------------------------------------------- values

def probe_values(p, rnd):
    d = p.work / "values"
    d.mkdir()
    mid = d / "g.mid"
    mid.write_bytes(smf([drum_track()]))
    (d / "z-nan.json").write_text('{"z": [NaN]}')
    (d / "z-short.json").write_text("[0.1, 0.2]")
    (d / "z-text.json").write_text('{"z": "x"}')
    (d / "z-huge.json").write_text("[" + ",".join(["1e308"] * 256) + "]")
    out = str(d / "o")
    cases = [
        ["sample", "--out", out, "--temperature", "NaN"], ["sample", "--out", out, "--temperature", "-1"],
        ["sample", "--out", out, "--temperature", "1e309"], ["sample", "--out", out, "--count", "0"],
        ["sample", "--out", out, "--count", "100000000000"], ["sample", "--out", out, "--qpm", "0"],
        ["sample", "--out", out, "--qpm", "Infinity"], ["sample", "--out", out, "--seed", "x"],
        ["interpolate", str(mid), str(mid), "--out", out, "--steps", "-3"],
        ["interpolate", str(mid), str(mid), "--out", out, "--steps", "1000000"],
        ["decode", "--z", str(d / "z-nan.json"), "--out", str(d / "d.mid")],
        ["decode", "--z", str(d / "z-short.json"), "--out", str(d / "d.mid")],
        ["decode", "--z", str(d / "z-text.json"), "--out", str(d / "d.mid")],
        ["decode", "--z", str(d / "z-huge.json"), "--out", str(d / "d.mid")],
        ["decode", "--z", str(d / "missing.json"), "--out", str(d / "d.mid")],
        ["render", str(mid), "--out", str(d / "r.wav"), "--loops", "-1"],
        ["render", str(mid), "--out", str(d / "r.wav"), "--loops", "2147483647"],
        ["train", "--data", str(d), "--out", str(d / "m.bbm"), "--steps", "-1"],
        ["train", "--data", str(d), "--out", str(d / "m.bbm"), "--batch", "0"],
        ["train", "--data", str(d), "--out", str(d / "m.bbm"), "--learning-rate", "NaN"],
        ["train", "--data", str(d), "--out", str(d / "m.bbm"), "--dropout-keep", "1.5"],
        ["train", "--data", str(d), "--out", str(d / "m.bbm"), "--preset", "nope"],
        ["train", "--data", str(d / "missing"), "--out", str(d / "m.bbm")],
        ["eval", "--data", str(d), "--validation-share", "2"], ["eval", "--data", str(d), "--split", "x"],
        ["eval", "--data", str(d), "--samples", "-5"], ["bench", "--size", "huge", "--train"],
        ["no-such-command"],
    ]
    for args in cases:
        p.run("values", " ".join(a if len(a) < 20 else "…" for a in args[:4]), args)


# -------------------------------------------------------------------------------------- training

def training_folder(d, files=12):
    d.mkdir(parents=True)
    rnd = random.Random(7)
    for i in range(files):
        ev = bytearray(drum_track(bars=8))
        for j in range(len(ev)):
            if ev[j] == 100 and rnd.random() < 0.5:
                ev[j] = rnd.randrange(40, 127)
        (d / f"g{i:02}.mid").write_bytes(smf([bytes(ev)]))
    return d


def probe_training(p, rnd):
    d = p.work / "train"
    data = training_folder(d / "data")
    model = d / "m.bbm"
    base = ["train", "--data", str(data), "--out", str(model), "--preset", "quick", "--size", "small"]
    for kill_after in (4.0, 7.0, 10.0):
        proc = subprocess.Popen(p.java + base + ["--steps", "400", "--overwrite"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(kill_after)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if model.exists():
            p.run("training", f"kill-9-after-{kill_after:.0f}s:model-opens", ["inspect", str(model)], expect_ok=True)
        ckpt = Path(str(model) + ".ckpt")
        if ckpt.exists():
            p.run("training", f"kill-9-after-{kill_after:.0f}s:resume", base + ["--steps", "410", "--resume"],
                  expect_ok=True)
        else:
            p.record("training", f"kill-9-after-{kill_after:.0f}s:resume", None)  # killed before a checkpoint
    proc = subprocess.Popen(p.java + base + ["--steps", "400", "--overwrite"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(6)
    proc.send_signal(signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=TIMEOUT_S)
        p.record("training", "sigterm:stops", None if proc.returncode in (0, 130, 143) and "\tat " not in err
                 else f"exit {proc.returncode}: {first_line(err)}")
    except subprocess.TimeoutExpired:
        proc.kill()
        p.record("training", "sigterm:stops", "hang after SIGTERM")
    p.run("training", "sigterm:model-opens", ["inspect", str(model)], expect_ok=True)
    p.run("training", "rerun-without-overwrite-refused", base + ["--steps", "5"])
    empty = d / "empty"
    empty.mkdir()
    p.run("training", "folder-without-drums", ["train", "--data", str(empty), "--out", str(d / "e.bbm")])
    (d / "readonly").mkdir()
    os.chmod(d / "readonly", 0o500)
    p.run("training", "read-only-output", ["train", "--data", str(data), "--out", str(d / "readonly" / "m.bbm"),
                                           "--preset", "quick", "--size", "small", "--steps", "3"])


# ----------------------------------------------------------------------------------- concurrency

def probe_concurrency(p, rnd):
    d = p.work / "conc"
    data = training_folder(d / "data")
    model = d / "m.bbm"
    base = ["train", "--data", str(data), "--out", str(model), "--preset", "quick", "--size", "small"]
    first = subprocess.Popen(p.java + base + ["--steps", "60"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    rc, _, err = p.run("concurrency", "second-train-same-out", base + ["--steps", "60", "--overwrite"])
    if rc == 0:
        p.record("concurrency", "second-train-same-out-locked", "both trainings ran on one --out")
    try:
        _, ferr = first.communicate(timeout=TIMEOUT_S * 3)
        p.record("concurrency", "first-train-finishes", None if first.returncode == 0 else
                 f"exit {first.returncode}: {first_line(ferr)}")
    except subprocess.TimeoutExpired:
        first.kill()
        p.record("concurrency", "first-train-finishes", "hang")
    out = d / "samples"
    procs = [subprocess.Popen(p.java + ["sample", "--out", str(out), "--count", "3"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for i, proc in enumerate(procs):
        _, err = proc.communicate(timeout=TIMEOUT_S)
        problem = "stack trace" if "\tat " in err else None
        p.record("concurrency", f"two-samples-same-out-{i}", problem)
    names = sorted(f.name for f in out.glob("*.mid"))
    p.record("concurrency", "two-samples-keep-every-file", None if len(names) == 6 else f"files: {names}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jar", default=str(ROOT / "target" / "backbeat.jar"))
    ap.add_argument("--classes", default="midi,model,values,training,concurrency")
    ap.add_argument("--seed", type=int, default=25)
    a = ap.parse_args()
    if not Path(a.jar).is_file():
        sys.exit(f"probe: no {a.jar}; build it with mvn package -DskipTests")
    work = Path(tempfile.mkdtemp(prefix="backbeat-probe-"))
    p = Probe(Path(a.jar).resolve(), work)
    rnd = random.Random(a.seed)
    started = time.time()
    for cls in a.classes.split(","):
        print(f"{cls} ...", flush=True)
        {"midi": probe_midi, "model": probe_models, "values": probe_values, "training": probe_training,
         "concurrency": probe_concurrency}[cls](p, rnd)
    bad = p.report()
    print(f"{time.time() - started:.0f} s; work folder {work}")
    if not bad:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
