#!/usr/bin/env bash
# Remakes samples/ from the shipped model: 6 sampled grooves (temperatures 0.7 and 1.0), a
# 7-step interpolation between the first two, each as .mid;
# two of them also rendered to .wav (one loop).
#   samples/make-samples.sh [MODEL]
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-models/default.bbm}
out=samples
rm -f "$out"/*.mid "$out"/*.wav
tmp=$(mktemp -d)
./backbeat sample --model "$model" --count 3 --temperature 0.7 --seed 1 --out "$tmp/t07" >/dev/null
./backbeat sample --model "$model" --count 3 --temperature 1.0 --seed 2 --out "$tmp/t10" >/dev/null
i=0
for f in "$tmp"/t07/*.mid; do i=$((i+1)); cp "$f" "$out/sample-t0.7-$i.mid"; done
i=0
for f in "$tmp"/t10/*.mid; do i=$((i+1)); cp "$f" "$out/sample-t1.0-$i.mid"; done
./backbeat interpolate --model "$model" "$out/sample-t0.7-1.mid" "$out/sample-t1.0-1.mid" --steps 7 \
  --out "$tmp/morph" >/dev/null
i=0
for f in $(ls "$tmp"/morph/*.mid | sort); do i=$((i+1)); cp "$f" "$out/morph-$i-of-7.mid"; done
# Audio for two of them only (44.1 kHz stereo WAV is ~1.8 MB per loop): enough to hear the model.
for f in "$out/sample-t1.0-1.mid" "$out/morph-4-of-7.mid"; do
  ./backbeat render "$f" --out "${f%.mid}.wav" --loops 1 >/dev/null
done
rm -rf "$tmp"
ls "$out"
