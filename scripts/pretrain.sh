#!/usr/bin/env bash
# Reproduces the shipped models: the two judges (MNIST and Fashion-MNIST classifiers, seed 0, 10 epochs,
# seconds each) and the page's pretrained generators, each its preset's settings on MNIST, seed 1,
# samples drawn by the moving average of G's weights (the setting ema, default 0.999), then a model
# export (weights only: G's weight average in binary16, D in 8-bit blocks):
#   public/models/keras-dense-mnist.gnv  the Keras dense GAN, 20 epochs (37,500 steps at batch 32)
#   public/models/keras-cgan-mnist.gnv   Keras-GAN's conditional GAN (cgan.py), from the MNIST labels, 20 epochs
#   public/models/paper-dcgan-mnist.gnv  the DCGAN sized for the page with the DCGAN paper's layers
#                                        (paper-dcgan): 25 epochs, then 5 at half the learning rate
#                                        (56,250 steps), on one thread (see below)
# Takes about 75 minutes on a 2-core x86-64 machine, 50 of them the DCGAN's (one thread).
#   scripts/pretrain.sh                  everything
#   scripts/pretrain.sh judges dense cgan dcgan   only the parts named
set -euo pipefail
cd "$(dirname "$0")/.."
parts="${*:-judges dense cgan dcgan}"
for part in $parts; do
  case "$part" in judges | dense | cgan | dcgan) ;; *) echo "pretrain: unknown part '$part' (judges, dense, cgan, dcgan)" >&2; exit 2 ;; esac
done
bash scripts/build.sh
mkdir -p public/models

judges() {
  build/native/ganvas train-classifier --data mnist --out public/models/mnist-classifier.gcf
  build/native/ganvas train-classifier --data fashion --out public/models/fashion-classifier.gcf
}

dense() {
  local run_dir
  run_dir="$(mktemp -d)"
  build/native/ganvas train --data mnist --preset keras-dense --epochs 20 --seed 1 --ckpt-every 5 --out "$run_dir"
  build/native/ganvas export --checkpoint "$run_dir/checkpoint.gnv" --out public/models/keras-dense-mnist.gnv
  cp "$run_dir/progress.gif" public/models/keras-dense-mnist-progress.gif
  echo "dense training outputs kept in $run_dir"
}

cgan() {
  local run_dir
  run_dir="$(mktemp -d)"
  build/native/ganvas train --data mnist --preset keras-cgan --epochs 20 --seed 1 --ckpt-every 5 --out "$run_dir"
  build/native/ganvas export --checkpoint "$run_dir/checkpoint.gnv" --out public/models/keras-cgan-mnist.gnv
  build/native/ganvas eval --checkpoint public/models/keras-cgan-mnist.gnv --count 10000
  echo "conditional training outputs kept in $run_dir"
}

# One thread: the run whose figures docs/dcgan-quality.md reports, bit for bit. More threads give the
# same results only up to float summation order, and a GAN's training amplifies such differences into
# another run of the same quality on average, but not the same figures.
dcgan() {
  local run_dir
  run_dir="$(mktemp -d)"
  build/native/ganvas train --data mnist --preset paper-dcgan --epochs 25 --seed 1 --ckpt-every 5 --threads 1 --out "$run_dir"
  build/native/ganvas train --resume --epochs 30 --lr 0.0001 --ckpt-every 5 --threads 1 --out "$run_dir"
  build/native/ganvas export --checkpoint "$run_dir/checkpoint.gnv" --out public/models/paper-dcgan-mnist.gnv
  build/native/ganvas eval --checkpoint public/models/paper-dcgan-mnist.gnv --count 10000
  echo "DCGAN training outputs kept in $run_dir"
}

for part in $parts; do "$part"; done
