#!/usr/bin/python3
"""An independent NumPy (float64) implementation of one ganvas `joint` training step of the tf-dcgan
preset (the TensorFlow DCGAN tutorial's train_step), for tests/cpp/reference_step_test.cpp.

Reads from DIR (raw little-endian float32 files written by the test): g_params, g_state, d_params,
real (batch x 784), z (batch x latent), masks (D's two dropout masks on the real batch, then on the
fake one, each batch x features, values 0 or 1/(1 - rate)); writes g_params_after, g_state_after,
d_params_after, g_grads, d_grads and metrics (d_loss_real, d_loss_fake, g_loss).

The convolutions are written the textbook way, independently of the engine's (which gathers taps
and takes the transposed convolution as the convolution's input gradient):
  Conv2D           pad the image into a canvas, then for every kernel tap (ky, kx) add the strided
                   window of the canvas times W[ky, kx];   'same' pads (out-1)*s + k - in rows in
                   total, the smaller half first (TensorFlow's rule).
  Conv2DTranspose  scatter: every input pixel (iy, ix) adds x[iy, ix] @ W[ky, kx].T onto the canvas at
                   (iy*s + ky, ix*s + kx); the output is the canvas cropped by the same padding rule.
Keras' weight layouts: Conv2D (k, k, in, out), Conv2DTranspose (k, k, out, in), Dense (in, out).

The step (TF tutorial): fake = G(z, training=True) (BatchNorm on batch statistics, biased variance,
running averages with momentum 0.99); D(real) and D(fake) in training mode (dropout);
d_loss = BCE(D(real), 1) + BCE(D(fake), 0), g_loss = BCE(D(fake), 1), BCE on logits, mean over the
batch; one Adam step for each network (lr 1e-4, b1 0.9, b2 0.999, eps 1e-7, as Keras:
lr*sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps)).
"""
import sys
from pathlib import Path

import numpy as np

F32 = np.float32
LR, B1, B2, EPS = float(F32(1e-4)), float(F32(0.9)), float(F32(0.999)), float(F32(1e-7))
LEAK, MOMENTUM, BN_EPS = float(F32(0.3)), float(F32(0.99)), float(F32(1e-3))
K = 5
PROJECTED, G_FILTERS, D_FILTERS = 256, (128, 64), (64, 128)


def read(directory, name):
    return np.fromfile(directory / f"{name}.f32", dtype="<f4").astype(np.float64)


def write(directory, name, values):
    np.asarray(values, dtype="<f4").tofile(directory / f"{name}.f32")


class Arena:
    """Hands out consecutive slices of a flat parameter array, reshaped."""

    def __init__(self, flat):
        self.flat, self.at = flat, 0

    def take(self, *shape):
        size = int(np.prod(shape))
        out = self.flat[self.at:self.at + size].reshape(shape).copy()
        self.at += size
        return out


def same_padding_before(size_in, size_out, stride):
    return max((size_out - 1) * stride + K - size_in, 0) // 2


def leaky(h):
    return np.where(h > 0, h, LEAK * h)


def leaky_grad(h, d):
    return np.where(h > 0, d, LEAK * d)


# --- convolutions ---------------------------------------------------------------------------------

def conv2d(x, w, stride):
    """x (n, h, w, c), w (k, k, c, f), 'same' -> y (n, ceil(h/s), ceil(w/s), f) and the padded canvas."""
    n, h, wd, c = x.shape
    oh, ow = -(-h // stride), -(-wd // stride)
    top, left = same_padding_before(h, oh, stride), same_padding_before(wd, ow, stride)
    canvas = np.zeros((n, (oh - 1) * stride + K, (ow - 1) * stride + K, c))
    canvas[:, top:top + h, left:left + wd] = x
    y = np.zeros((n, oh, ow, w.shape[3]))
    for ky in range(K):
        for kx in range(K):
            window = canvas[:, ky:ky + (oh - 1) * stride + 1:stride, kx:kx + (ow - 1) * stride + 1:stride]
            y += window @ w[ky, kx]
    return y, (canvas, top, left, h, wd)


def conv2d_backward(dy, w, stride, saved):
    canvas, top, left, h, wd = saved
    oh, ow = dy.shape[1:3]
    dcanvas, dw = np.zeros_like(canvas), np.zeros_like(w)
    for ky in range(K):
        for kx in range(K):
            rows, cols = slice(ky, ky + (oh - 1) * stride + 1, stride), slice(kx, kx + (ow - 1) * stride + 1, stride)
            dw[ky, kx] = np.einsum("nhwc,nhwf->cf", canvas[:, rows, cols], dy)
            dcanvas[:, rows, cols] += dy @ w[ky, kx].T
    return dcanvas[:, top:top + h, left:left + wd], dw


def conv2d_transpose(x, w, stride):
    """x (n, h, w, c), w (k, k, f, c), 'same' -> y (n, h*s, w*s, f) by scattering every pixel's taps."""
    n, h, wd, _ = x.shape
    oh, ow = h * stride, wd * stride
    top, left = same_padding_before(oh, h, stride), same_padding_before(ow, wd, stride)
    canvas = np.zeros((n, max((h - 1) * stride + K, top + oh), max((wd - 1) * stride + K, left + ow), w.shape[2]))
    for ky in range(K):
        for kx in range(K):
            canvas[:, ky:ky + (h - 1) * stride + 1:stride, kx:kx + (wd - 1) * stride + 1:stride] += x @ w[ky, kx].T
    return canvas[:, top:top + oh, left:left + ow], (canvas.shape, top, left)


def conv2d_transpose_backward(dy, x, w, stride, saved):
    shape, top, left = saved
    n, h, wd, _ = x.shape
    dcanvas = np.zeros(shape)
    dcanvas[:, top:top + dy.shape[1], left:left + dy.shape[2]] = dy
    dx, dw = np.zeros_like(x), np.zeros_like(w)
    for ky in range(K):
        for kx in range(K):
            window = dcanvas[:, ky:ky + (h - 1) * stride + 1:stride, kx:kx + (wd - 1) * stride + 1:stride]
            dx += window @ w[ky, kx]
            dw[ky, kx] = np.einsum("nhwf,nhwc->fc", window, x)
    return dx, dw


# --- BatchNorm on batch statistics over every axis but the last ---------------------------------

def batch_norm(x, bn):
    axes = tuple(range(x.ndim - 1))
    mu, var = x.mean(axes), x.var(axes)
    bn["mean"] = MOMENTUM * bn["mean"] + (1 - MOMENTUM) * mu
    bn["var"] = MOMENTUM * bn["var"] + (1 - MOMENTUM) * var
    inv = 1 / np.sqrt(var + BN_EPS)
    xhat = (x - mu) * inv
    return bn["gamma"] * xhat + bn["beta"], (xhat, inv)


def batch_norm_backward(dy, bn, saved):
    xhat, inv = saved
    axes = tuple(range(dy.ndim - 1))
    m = np.prod([dy.shape[a] for a in axes])
    dgamma, dbeta = (dy * xhat).sum(axes), dy.sum(axes)
    dx = bn["gamma"] * inv / m * (m * dy - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta


def bce_logits(logits, label):
    loss = np.maximum(logits, 0) - logits * label + np.log1p(np.exp(-np.abs(logits)))
    grad = (1 / (1 + np.exp(-logits)) - label) / logits.shape[0]
    return loss.mean(), grad


def adam(params, grads):
    m = (1 - B1) * grads
    v = (1 - B2) * grads * grads
    size = LR * np.sqrt(1 - B2) / (1 - B1)
    return params - size * m / (np.sqrt(v) + EPS)


# --- the networks --------------------------------------------------------------------------------

def unpack_generator(flat, state, latent):
    a, s = Arena(flat), Arena(state)
    widths = [7 * 7 * PROJECTED, G_FILTERS[0], G_FILTERS[1]]
    g = {"dense": a.take(latent, widths[0]), "bn": [], "convs": []}
    ins = [PROJECTED, G_FILTERS[0], G_FILTERS[1]]
    outs = [G_FILTERS[0], G_FILTERS[1], 1]
    g["bn"].append({"gamma": a.take(widths[0]), "beta": a.take(widths[0])})
    for i in range(3):
        g["convs"].append(a.take(K, K, outs[i], ins[i]))
        if i < 2:
            g["bn"].append({"gamma": a.take(outs[i]), "beta": a.take(outs[i])})
    for bn, width in zip(g["bn"], widths):
        bn["mean"], bn["var"] = s.take(width), s.take(width)
    assert a.at == flat.size and s.at == state.size
    return g


def unpack_discriminator(flat):
    a = Arena(flat)
    d = {"convs": [], "dense": None}
    c = 1
    for f in D_FILTERS:
        d["convs"].append((a.take(K, K, c, f), a.take(f)))
        c = f
    d["dense"] = (a.take(7 * 7 * c, 1), a.take(1))
    assert a.at == flat.size
    return d


def g_forward(g, z):
    saved = {}
    h0 = z @ g["dense"]
    b0, saved["bn0"] = batch_norm(h0, g["bn"][0])
    x = leaky(b0).reshape(-1, 7, 7, PROJECTED)
    saved["a0"], saved["b0"] = x, b0
    for i, stride in enumerate((1, 2)):
        h, saved[f"t{i}"] = conv2d_transpose(x, g["convs"][i], stride)
        b, saved[f"bn{i + 1}"] = batch_norm(h, g["bn"][i + 1])
        saved[f"in{i}"], saved[f"b{i + 1}"] = x, b
        x = leaky(b)
    saved["in2"] = x
    h, saved["t2"] = conv2d_transpose(x, g["convs"][2], 2)
    out = np.tanh(h)
    saved["out"] = out
    return out.reshape(-1, 784), saved


def g_backward(g, z, saved, dimages):
    dh = dimages.reshape(-1, 28, 28, 1) * (1 - saved["out"] ** 2)
    grads = {"convs": [None] * 3, "bn": [None] * 3}
    dx, grads["convs"][2] = conv2d_transpose_backward(dh, saved["in2"], g["convs"][2], 2, saved["t2"])
    for i, stride in reversed(list(enumerate((1, 2)))):
        db = leaky_grad(saved[f"b{i + 1}"], dx)
        dh, dgamma, dbeta = batch_norm_backward(db, g["bn"][i + 1], saved[f"bn{i + 1}"])
        grads["bn"][i + 1] = (dgamma, dbeta)
        dx, grads["convs"][i] = conv2d_transpose_backward(dh, saved[f"in{i}"], g["convs"][i], stride, saved[f"t{i}"])
    db0 = leaky_grad(saved["b0"], dx.reshape(dx.shape[0], -1))
    dh0, dgamma, dbeta = batch_norm_backward(db0, g["bn"][0], saved["bn0"])
    grads["bn"][0] = (dgamma, dbeta)
    grads["dense"] = z.T @ dh0
    return grads


def g_flat(g, grads=None):
    """In the engine's arena order: Dense W, BN0 gamma/beta, then per transposed conv its W and BN."""
    src = grads if grads is not None else {"dense": g["dense"], "convs": g["convs"],
                                            "bn": [(bn["gamma"], bn["beta"]) for bn in g["bn"]]}
    parts = [src["dense"].ravel(), *src["bn"][0]]
    for i in range(3):
        parts.append(src["convs"][i].ravel())
        if i < 2:
            parts += list(src["bn"][i + 1])
    return np.concatenate(parts)


def d_forward(d, images, masks):
    x = images.reshape(-1, 28, 28, 1)
    saved = []
    for (w, b), mask in zip(d["convs"], masks):
        h, conv_saved = conv2d(x, w, 2)
        h = h + b
        a = leaky(h)
        dropped = a * mask.reshape(a.shape)
        saved.append((h, conv_saved, mask.reshape(a.shape)))
        x = dropped
    flat = x.reshape(x.shape[0], -1)
    w, b = d["dense"]
    return flat @ w + b, (saved, flat)


def d_backward(d, cache, dlogits):
    saved, flat = cache
    w, _ = d["dense"]
    grads = {"dense": (flat.T @ dlogits, dlogits.sum(0)), "convs": [None, None]}
    dx = (dlogits @ w.T).reshape(-1, 7, 7, D_FILTERS[1])
    for i in reversed(range(2)):
        h, conv_saved, mask = saved[i]
        dh = leaky_grad(h, dx * mask)
        dx, dw = conv2d_backward(dh, d["convs"][i][0], 2, conv_saved)
        grads["convs"][i] = (dw, dh.sum((0, 1, 2)))
    return grads, dx.reshape(dx.shape[0], -1)


def d_flat(parts):
    return np.concatenate([np.concatenate([w.ravel(), b.ravel()]) for w, b in [*parts["convs"], parts["dense"]]])


def main(directory):
    directory = Path(directory)
    real = read(directory, "real").reshape(-1, 784)
    batch = real.shape[0]
    z = read(directory, "z").reshape(batch, -1)
    g = unpack_generator(read(directory, "g_params"), read(directory, "g_state"), z.shape[1])
    d_params = read(directory, "d_params")
    d = unpack_discriminator(d_params)
    masks = read(directory, "masks")
    sizes = [batch * 14 * 14 * D_FILTERS[0], batch * 7 * 7 * D_FILTERS[1]]
    assert masks.size == 2 * sum(sizes)
    real_masks = [masks[:sizes[0]], masks[sizes[0]:sum(sizes)]]
    fake_masks = [masks[sum(sizes):sum(sizes) + sizes[0]], masks[sum(sizes) + sizes[0]:]]

    fake, g_saved = g_forward(g, z)
    logits, cache = d_forward(d, real, real_masks)
    d_loss_real, dl = bce_logits(logits, 1.0)
    d_grads_real, _ = d_backward(d, cache, dl)
    logits, cache = d_forward(d, fake, fake_masks)
    g_loss, dl_g = bce_logits(logits, 1.0)
    _, dfake = d_backward(d, cache, dl_g)
    d_loss_fake, dl_d = bce_logits(logits, 0.0)
    d_grads_fake, _ = d_backward(d, cache, dl_d)
    d_grads = d_flat(d_grads_real) + d_flat(d_grads_fake)
    g_grads = g_flat(g, g_backward(g, z, g_saved, dfake))

    write(directory, "d_grads", d_grads)
    write(directory, "g_grads", g_grads)
    write(directory, "d_params_after", adam(d_params, d_grads))
    write(directory, "g_params_after", adam(g_flat(g), g_grads))
    write(directory, "g_state_after", np.concatenate([np.concatenate([bn["mean"], bn["var"]]) for bn in g["bn"]]))
    write(directory, "metrics", [d_loss_real, d_loss_fake, g_loss])


if __name__ == "__main__":
    main(sys.argv[1])
