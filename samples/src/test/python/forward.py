"""The forward pass of a saved PlanarClassifier, computed by NumPy itself.

Usage: forward.py MODEL.npz INPUT.npz OUTPUT.npz

MODEL.npz is what PlanarClassifierModel.save wrote (W1, b1, W2, b2), INPUT.npz holds X (2 x m, one
example per column), both written by netc's Npz. The script computes

    A1 = tanh(W1 X + b1),  A2 = sigmoid(W2 A1 + b2)

in the dtype of the arrays: float64 for a double-precision model, float32 for a single-precision
one (saved as '<f4', with X in float32 too), since NumPy's @, tanh and exp keep the dtype of
float32 operands and the Python scalars 1.0 do not widen them.

and writes A2 with the arrays it read to OUTPUT.npz (numpy.savez, C order), so that the Java side
can check both the result and that every array crossed the boundary bit for bit. For each array it
prints "name dtype shape" on a line of its own, so that the caller can check what NumPy saw.
"""
import sys

import numpy as np


def main(model_path, input_path, output_path):
    # allow_pickle=False: a model file is data; numpy must never run code found in it.
    with np.load(model_path, allow_pickle=False) as model, np.load(
        input_path, allow_pickle=False
    ) as inputs:
        arrays = {name: model[name] for name in sorted(model.files)}
        arrays["X"] = inputs["X"]
    for name, array in arrays.items():
        print(name, array.dtype, array.shape)
    W1, b1, W2, b2, X = (arrays[n] for n in ("W1", "b1", "W2", "b2", "X"))
    A1 = np.tanh(W1 @ X + b1)
    A2 = 1.0 / (1.0 + np.exp(-(W2 @ A1 + b2)))
    print("A2", A2.dtype, A2.shape)
    np.savez(output_path, A2=np.ascontiguousarray(A2), **arrays)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: forward.py MODEL.npz INPUT.npz OUTPUT.npz")
    main(*sys.argv[1:])
