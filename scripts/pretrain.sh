#!/usr/bin/env bash
# Reproduces the shipped models: the two judges (MNIST and Fashion-MNIST classifiers, seed 0, 10 epochs,
# seconds each) and the page's pretrained generator: the Keras tutorial's settings on MNIST, seed 1,
# 20 epochs (37,500 steps at batch 32), then a model export (weights only) to
# public/models/keras-dense-mnist.gnv. Takes about 10 minutes on one x86-64 core.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
build/native/ganvas train-classifier --data mnist --out public/models/mnist-classifier.gcf
build/native/ganvas train-classifier --data fashion --out public/models/fashion-classifier.gcf
run_dir="$(mktemp -d)"
build/native/ganvas train --data mnist --preset keras-dense --epochs 20 --seed 1 --ckpt-every 5 --out "$run_dir"
mkdir -p public/models
build/native/ganvas export --checkpoint "$run_dir/checkpoint.gnv" --out public/models/keras-dense-mnist.gnv
cp "$run_dir/progress.gif" public/models/keras-dense-mnist-progress.gif
echo "training outputs kept in $run_dir"
