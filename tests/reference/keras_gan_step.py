#!/usr/bin/python3
"""An independent NumPy (float64) implementation of one ganvas `keras` training step of the
keras-dense preset, for tests/cpp/reference_step_test.cpp.

Reads from DIR (raw little-endian float32 files written by the test): g_params, g_state, d_params,
real (batch x 784), z (batch x latent), and writes the expected results: g_params_after,
g_state_after, d_params_after, metrics (d_loss_real, d_loss_fake, g_loss).

Keras tutorial step: fake = G.predict(z) (BatchNorm on running averages); D trained on (real, 1), then
on (fake, 0) — two Adam updates; then G trained through the frozen D on (z, 1), BatchNorm on batch
statistics (biased variance), running averages updated with momentum 0.8. Loss: binary cross-entropy on
logits, mean over the batch. Adam as Keras: lr*sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps).
"""
import sys
from pathlib import Path

import numpy as np

F32 = np.float32
LR, B1, B2, EPS = float(F32(2e-4)), float(F32(0.5)), float(F32(0.999)), float(F32(1e-7))
LEAK, MOMENTUM, BN_EPS = float(F32(0.2)), float(F32(0.8)), float(F32(1e-3))
G_WIDTHS = [256, 512, 1024]


def read(directory, name):
    return np.fromfile(directory / f"{name}.f32", dtype="<f4").astype(np.float64)


def write(directory, name, values):
    np.asarray(values, dtype="<f4").tofile(directory / f"{name}.f32")


def split_dense(flat, at, n_in, n_out):
    w = flat[at:at + n_in * n_out].reshape(n_in, n_out)
    b = flat[at + n_in * n_out:at + n_in * n_out + n_out]
    return (w, b), at + n_in * n_out + n_out


def unpack_discriminator(flat):
    """D's arena → [(W, b)] for Dense 784→512, 512→256, 256→1."""
    layers, at, n_in = [], 0, 784
    for width in (512, 256, 1):
        dense, at = split_dense(flat, at, n_in, width)
        layers.append(dense)
        n_in = width
    assert at == flat.size
    return layers


def bce_logits(logits, label):
    loss = np.maximum(logits, 0) - logits * label + np.log1p(np.exp(-np.abs(logits)))
    grad = (1 / (1 + np.exp(-logits)) - label) / logits.shape[0]
    return loss.mean(), grad


class Adam:
    def __init__(self, size):
        self.m, self.v, self.t = np.zeros(size), np.zeros(size), 0

    def step(self, params, grads):
        self.t += 1
        self.m = B1 * self.m + (1 - B1) * grads
        self.v = B2 * self.v + (1 - B2) * grads * grads
        size = LR * np.sqrt(1 - B2 ** self.t) / (1 - B1 ** self.t)
        return params - size * self.m / (np.sqrt(self.v) + EPS)


def d_forward(d, x):
    (w1, b1), (w2, b2), (w3, b3) = d
    h1 = x @ w1 + b1
    a1 = np.where(h1 > 0, h1, LEAK * h1)
    h2 = a1 @ w2 + b2
    a2 = np.where(h2 > 0, h2, LEAK * h2)
    return a2 @ w3 + b3, (x, h1, a1, h2, a2)


def d_backward(d, cache, dlogits):
    (w1, _), (w2, _), (w3, _) = d
    x, h1, a1, h2, a2 = cache
    grads = [None] * 3
    grads[2] = (a2.T @ dlogits, dlogits.sum(0))
    da2 = dlogits @ w3.T
    dh2 = np.where(h2 > 0, da2, LEAK * da2)
    grads[1] = (a1.T @ dh2, dh2.sum(0))
    da1 = dh2 @ w2.T
    dh1 = np.where(h1 > 0, da1, LEAK * da1)
    grads[0] = (x.T @ dh1, dh1.sum(0))
    return grads, dh1 @ w1.T


def flatten(pairs):
    return np.concatenate([np.concatenate([w.ravel(), b]) for w, b in pairs])


def main(directory):
    directory = Path(directory)
    g_flat, g_state, d_flat = read(directory, "g_params"), read(directory, "g_state"), read(directory, "d_params")
    real = read(directory, "real").reshape(-1, 784)
    batch = real.shape[0]
    z = read(directory, "z").reshape(batch, -1)
    latent = z.shape[1]

    # Unpack G: per block Dense (W, b) then BatchNorm (gamma, beta); then the output Dense.
    at, blocks, n_in = 0, [], latent
    state_at = 0
    for width in G_WIDTHS:
        dense, at = split_dense(g_flat, at, n_in, width)
        gamma, beta = g_flat[at:at + width].copy(), g_flat[at + width:at + 2 * width].copy()
        at += 2 * width
        mean, var = g_state[state_at:state_at + width].copy(), g_state[state_at + width:state_at + 2 * width].copy()
        state_at += 2 * width
        blocks.append({"dense": dense, "gamma": gamma, "beta": beta, "mean": mean, "var": var})
        n_in = width
    g_out, at = split_dense(g_flat, at, n_in, 784)
    assert at == g_flat.size and state_at == g_state.size

    d = unpack_discriminator(d_flat)

    def g_forward(x, train):
        caches = []
        for block in blocks:
            w, b = block["dense"]
            h = x @ w + b
            a = np.where(h > 0, h, LEAK * h)
            if train:
                mu, var = a.mean(0), a.var(0)  # biased, as Keras
                block["mean"] = MOMENTUM * block["mean"] + (1 - MOMENTUM) * mu
                block["var"] = MOMENTUM * block["var"] + (1 - MOMENTUM) * var
            else:
                mu, var = block["mean"], block["var"]
            inv = 1 / np.sqrt(var + BN_EPS)
            xhat = (a - mu) * inv
            caches.append((x, h, xhat, inv))
            x = block["gamma"] * xhat + block["beta"]
        w, b = g_out
        out = np.tanh(x @ w + b)
        return out, (caches, x, out)

    # D on real (label 1), then on G.predict(z) (label 0): two Adam updates.
    fake = g_forward(z, train=False)[0]
    d_adam = Adam(d_flat.size)
    logits, cache = d_forward(d, real)
    d_loss_real, dl = bce_logits(logits, 1.0)
    grads, _ = d_backward(d, cache, dl)
    d_flat = d_adam.step(flatten(d), flatten(grads))
    d = unpack_discriminator(d_flat)
    logits, cache = d_forward(d, fake)
    d_loss_fake, dl = bce_logits(logits, 0.0)
    grads, _ = d_backward(d, cache, dl)
    d_flat = d_adam.step(flatten(d), flatten(grads))
    d = unpack_discriminator(d_flat)

    # G through the frozen D, label 1.
    images, (caches, last_x, out) = g_forward(z, train=True)
    logits, cache = d_forward(d, images)
    g_loss, dl = bce_logits(logits, 1.0)
    _, dimages = d_backward(d, cache, dl)
    dpre = dimages * (1 - out * out)
    w, b = g_out
    out_grads = (last_x.T @ dpre, dpre.sum(0))
    dx = dpre @ w.T
    block_grads = []
    for block, (x, h, xhat, inv) in reversed(list(zip(blocks, caches))):
        dgamma, dbeta = (dx * xhat).sum(0), dx.sum(0)
        n = dx.shape[0]
        da = block["gamma"] * inv / n * (n * dx - dx.sum(0) - xhat * (dx * xhat).sum(0))
        dh = np.where(h > 0, da, LEAK * da)
        wb, _ = block["dense"]
        block_grads.append(((x.T @ dh, dh.sum(0)), dgamma, dbeta))
        dx = dh @ wb.T
    block_grads.reverse()
    g_params, g_grads = [], []
    for block, ((dw, db), dgamma, dbeta) in zip(blocks, block_grads):
        w, b = block["dense"]
        g_params += [w.ravel(), b, block["gamma"], block["beta"]]
        g_grads += [dw.ravel(), db, dgamma, dbeta]
    g_params += [g_out[0].ravel(), g_out[1]]
    g_grads += [out_grads[0].ravel(), out_grads[1]]
    g_after = Adam(g_flat.size).step(np.concatenate(g_params), np.concatenate(g_grads))
    g_state_after = np.concatenate([np.concatenate([bl["mean"], bl["var"]]) for bl in blocks])

    write(directory, "g_params_after", g_after)
    write(directory, "g_state_after", g_state_after)
    write(directory, "d_params_after", d_flat)
    write(directory, "metrics", [d_loss_real, d_loss_fake, g_loss])


if __name__ == "__main__":
    main(sys.argv[1])
