"""Trains a small network in PyTorch and writes what netc needs to deploy it.

Usage: torch_train.py OUT_DIR

Writes, in OUT_DIR:
  torch.npz   the trained state_dict in netc's names and layout: W1 = layers[0].weight
              (out x in = n[1] x n[0], PyTorch's own layout and netc's), b1 = layers[0].bias
              (a vector of n[1]), and so on for every Linear layer;
  check.npz   X (n[0] x m, one example per column, as netc takes it) and A (n[L] x m, the
              softmax probabilities PyTorch computes for those examples).
Prints one line per array written (name, dtype, shape) and the training loss before and after.

Everything is float64 (torch.set_default_dtype) on the CPU, seeded, so the run is repeatable.
"""

import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.manual_seed(1)

INPUTS, HIDDEN1, HIDDEN2, CLASSES = 4, 16, 8, 3
EXAMPLES = 300


def data():
    """Three Gaussian blobs in 4-D: a task the network must learn, not guess."""
    g = torch.Generator().manual_seed(2)
    centres = torch.tensor(
        [[2.0, 0.0, -1.0, 0.5], [-1.5, 1.5, 0.5, -1.0], [0.0, -2.0, 1.5, 1.0]])
    labels = torch.arange(EXAMPLES) % CLASSES
    x = centres[labels] + torch.randn(EXAMPLES, INPUTS, generator=g)
    return x, labels


def main(out_dir):
    # The declaration netc compiles against this file mirrors these layers one for one.
    net = torch.nn.Sequential(
        torch.nn.Linear(INPUTS, HIDDEN1), torch.nn.Tanh(),
        torch.nn.Linear(HIDDEN1, HIDDEN2), torch.nn.ReLU(),
        torch.nn.Linear(HIDDEN2, CLASSES))
    x, labels = data()
    optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    first = None
    for _ in range(200):
        optimizer.zero_grad()
        loss = loss_fn(net(x), labels)
        if first is None:
            first = loss.item()
        loss.backward()
        optimizer.step()
    net.eval()
    with torch.no_grad():
        probabilities = torch.softmax(net(x), dim=1)
        last = loss_fn(net(x), labels).item()
    print("loss", repr(first), repr(last))

    linears = [m for m in net if isinstance(m, torch.nn.Linear)]
    weights = {}
    for l, layer in enumerate(linears, start=1):
        weights["W%d" % l] = layer.weight.detach().numpy()  # (out, in): netc's W[l]
        weights["b%d" % l] = layer.bias.detach().numpy()    # (out,): netc reads it as n[l] x 1
    np.savez(out_dir + "/torch.npz", **weights)
    # One example per column for netc; contiguous, so NumPy writes C order.
    check = {
        "X": np.ascontiguousarray(x.numpy().T),
        "A": np.ascontiguousarray(probabilities.numpy().T),
    }
    np.savez(out_dir + "/check.npz", **check)
    for name, array in list(weights.items()) + list(check.items()):
        print(name, array.dtype, array.shape)


if __name__ == "__main__":
    main(sys.argv[1])
