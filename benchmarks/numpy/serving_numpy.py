"""Peers of ServingBench (issue 11): one example's forward pass, p50 and p99 in microseconds.

NumPy as the course notes write the forward pass (np.dot, + b, np.maximum / np.tanh, sigmoid or
softmax), on the planar 2-4-1 network and 784-256-128-10 relu/softmax, float64 and float32; and
PyTorch eager (torch.no_grad, an nn.Sequential) when torch is importable. Prints one line per
row: "<peer> <network> <precision> p50 <us> p99 <us>".
"""
import sys
import time

try:
    import numpy as np
except ImportError:
    print("numpy is not installed; pip install numpy")
    sys.exit(3)

CALLS = 20000


def percentiles(f):
    for _ in range(2000):
        f()
    times = np.empty(CALLS)
    clock = time.perf_counter_ns
    for i in range(CALLS):
        t = clock()
        f()
        times[i] = clock() - t
    return np.percentile(times, 50) / 1e3, np.percentile(times, 99) / 1e3


def numpy_forward(sizes, dtype):
    rng = np.random.default_rng(42)
    W = [None] + [rng.standard_normal((sizes[l], sizes[l - 1])).astype(dtype) * 0.05
                  for l in range(1, len(sizes))]
    b = [None] + [np.zeros((sizes[l], 1), dtype) for l in range(1, len(sizes))]
    x = rng.random((sizes[0], 1)).astype(dtype)
    L = len(sizes) - 1
    planar = sizes[0] == 2

    def forward():
        A = x
        for l in range(1, L + 1):
            Z = np.dot(W[l], A) + b[l]
            if l < L:
                A = np.tanh(Z) if planar else np.maximum(0, Z)
            elif planar:
                A = 1 / (1 + np.exp(-Z))
            else:
                e = np.exp(Z - np.max(Z, axis=0, keepdims=True))
                A = e / np.sum(e, axis=0, keepdims=True)
        return A

    return forward


def torch_forward(torch, sizes, dtype):
    layers = []
    for l in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[l - 1], sizes[l]).to(dtype))
        if l < len(sizes) - 1:
            layers.append(torch.nn.Tanh() if sizes[0] == 2 else torch.nn.ReLU())
    layers.append(torch.nn.Sigmoid() if sizes[0] == 2 else torch.nn.Softmax(dim=1))
    net = torch.nn.Sequential(*layers).eval()
    x = torch.rand(1, sizes[0], dtype=dtype)

    def forward():
        with torch.no_grad():
            return net(x)

    return forward


def main():
    networks = {"planar": [2, 4, 1], "wide": [784, 256, 128, 10]}
    for name, sizes in networks.items():
        for precision, dtype in (("float64", np.float64), ("float32", np.float32)):
            p50, p99 = percentiles(numpy_forward(sizes, dtype))
            print(f"numpy {name} {precision} p50 {p50:.2f} p99 {p99:.2f}")
    try:
        import torch
    except ImportError:
        print("pytorch not importable: skipped")
        return
    torch.set_num_threads(1)
    for name, sizes in networks.items():
        for precision, dtype in (("float64", torch.float64), ("float32", torch.float32)):
            p50, p99 = percentiles(torch_forward(torch, sizes, dtype))
            print(f"pytorch {name} {precision} p50 {p50:.2f} p99 {p99:.2f}")


if __name__ == "__main__":
    main()
