#!/usr/bin/env bash
# Reproduces the shipped models: the two judges (MNIST and Fashion-MNIST classifiers, seed 0, 10 epochs,
# seconds each) and the page's pretrained generators, each its preset's settings on MNIST, seed 1,
# samples drawn by the moving average of G's weights (the setting ema, default 0.999), then a model
# export (weights only: G's weight average in binary16, D in 8-bit blocks):
#   public/models/keras-dense-mnist.gnv  the Keras dense GAN, 20 epochs (37,500 steps at batch 32)
#   public/models/keras-cgan-mnist.gnv   Keras-GAN's conditional GAN (cgan.py), from the MNIST labels, 20 epochs
#   public/models/small-dcgan-mnist.gnv  the DCGAN sized for the page (small-dcgan), 30 epochs (56,250 steps)
# Takes about 45 minutes on a 2-core x86-64 machine (training uses every core).
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
cgan_dir="$(mktemp -d)"
build/native/ganvas train --data mnist --preset keras-cgan --epochs 20 --seed 1 --ckpt-every 5 --out "$cgan_dir"
build/native/ganvas export --checkpoint "$cgan_dir/checkpoint.gnv" --out public/models/keras-cgan-mnist.gnv
build/native/ganvas eval --checkpoint public/models/keras-cgan-mnist.gnv --count 10000
dcgan_dir="$(mktemp -d)"
build/native/ganvas train --data mnist --preset small-dcgan --epochs 30 --seed 1 --ckpt-every 5 --out "$dcgan_dir"
build/native/ganvas export --checkpoint "$dcgan_dir/checkpoint.gnv" --out public/models/small-dcgan-mnist.gnv
build/native/ganvas eval --checkpoint public/models/small-dcgan-mnist.gnv --count 10000
echo "training outputs kept in $run_dir, $cgan_dir and $dcgan_dir"
