#!/usr/bin/python3
"""The TensorFlow DCGAN tutorial's model and train_step in PyTorch, timed for `npm run bench`.

The same layers and shapes as ganvas' tf-dcgan (G: Dense 7·7·256 → BN → LeakyReLU(0.3) → three
ConvTranspose2d 5×5 to 28×28×1, no biases; D: two Conv2d 5×5 stride 2 with LeakyReLU(0.3) and
Dropout(0.3), Dense 1), BCE on logits, Adam(1e-4) per network, and the tutorial's step: one forward of
G(z), D(real) and D(fake), both losses, one update of each network. Keras' 'same' padding (the smaller
half first) is an explicit pad before each stride-2 convolution; ConvTranspose2d uses padding 2 and
output_padding 1 (same output size and arithmetic as Keras').

usage: pytorch_dcgan.py BATCH THREADS STEPS WARMUP  →  one JSON line {batch, threads, times_ms: [...]}
"""
import json
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F


class SamePad(nn.Module):
    """Keras 'same' for a 5×5 kernel at stride 2 on an even size: 1 row/column before, 2 after."""

    def forward(self, x):
        return F.pad(x, (1, 2, 1, 2))


def generator():
    return nn.Sequential(
        nn.Linear(100, 7 * 7 * 256, bias=False), nn.BatchNorm1d(7 * 7 * 256, momentum=0.01, eps=1e-3),
        nn.LeakyReLU(0.3), nn.Unflatten(1, (256, 7, 7)),
        nn.ConvTranspose2d(256, 128, 5, stride=1, padding=2, bias=False), nn.BatchNorm2d(128, momentum=0.01, eps=1e-3),
        nn.LeakyReLU(0.3),
        nn.ConvTranspose2d(128, 64, 5, stride=2, padding=2, output_padding=1, bias=False),
        nn.BatchNorm2d(64, momentum=0.01, eps=1e-3), nn.LeakyReLU(0.3),
        nn.ConvTranspose2d(64, 1, 5, stride=2, padding=2, output_padding=1, bias=False), nn.Tanh())


def discriminator():
    return nn.Sequential(
        SamePad(), nn.Conv2d(1, 64, 5, stride=2), nn.LeakyReLU(0.3), nn.Dropout(0.3),
        SamePad(), nn.Conv2d(64, 128, 5, stride=2), nn.LeakyReLU(0.3), nn.Dropout(0.3),
        nn.Flatten(), nn.Linear(7 * 7 * 128, 1))


def main(batch, threads, steps, warmup):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    g, d = generator(), discriminator()
    g_opt = torch.optim.Adam(g.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-7)
    d_opt = torch.optim.Adam(d.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-7)
    real = torch.rand(batch, 1, 28, 28) * 2 - 1
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    times = []
    for i in range(warmup + steps):
        start = time.perf_counter()
        z = torch.randn(batch, 100)
        fake = g(z)
        real_logits, fake_logits = d(real), d(fake)
        g_loss = F.binary_cross_entropy_with_logits(fake_logits, ones)
        d_loss = (F.binary_cross_entropy_with_logits(real_logits, ones) +
                  F.binary_cross_entropy_with_logits(fake_logits, zeros))
        g_grads = torch.autograd.grad(g_loss, list(g.parameters()), retain_graph=True)
        d_grads = torch.autograd.grad(d_loss, list(d.parameters()))
        for p, grad in zip(g.parameters(), g_grads):
            p.grad = grad
        for p, grad in zip(d.parameters(), d_grads):
            p.grad = grad
        g_opt.step()
        d_opt.step()
        if i >= warmup:
            times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"batch": batch, "threads": threads, "torch": torch.__version__, "times_ms": sorted(times)}))


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:5]))
