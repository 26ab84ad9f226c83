"""The course's vectorised NumPy code for W1-W3 of issue 4; prints "W<k> <ms per iteration>".

One iteration = forward + cost + backward + update, full batch, float64, written as the course
notes write it (shallow network for W1, the L-layer model for W2 and W3, which computes dA[0]).
Synthetic seeded data, as in the Java benchmarks. Reports the median of a few timed batches.
"""
import sys
import time

try:
    import numpy as np
except ImportError:
    print("numpy is not installed; pip install numpy")
    sys.exit(3)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def planar_step(X, Y, p, lr):
    m = X.shape[1]
    Z1 = np.dot(p["W1"], X) + p["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(p["W2"], A1) + p["b2"]
    A2 = sigmoid(Z2)
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
    cost = float(np.squeeze(-np.sum(logprobs) / m))
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(p["W2"].T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    p["W1"] = p["W1"] - lr * dW1
    p["b1"] = p["b1"] - lr * db1
    p["W2"] = p["W2"] - lr * dW2
    p["b2"] = p["b2"] - lr * db2
    return cost


def l_layer_step(X, Y, p, L, softmax, lr):
    m = X.shape[1]
    caches = []
    A = X
    for l in range(1, L + 1):
        A_prev = A
        Z = np.dot(p["W" + str(l)], A_prev) + p["b" + str(l)]
        if l < L:
            A = np.maximum(0, Z)
        elif softmax:
            E = np.exp(Z - np.max(Z, axis=0, keepdims=True))
            A = E / np.sum(E, axis=0, keepdims=True)
        else:
            A = sigmoid(Z)
        caches.append((A_prev, Z))
    AL = A
    if softmax:
        cost = -np.sum(Y * np.log(AL)) / m
        dZ = AL - Y
    else:
        cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
        dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        s = 1 / (1 + np.exp(-caches[L - 1][1]))
        dZ = dAL * s * (1 - s)
    grads = {}
    for l in range(L, 0, -1):
        A_prev, Z = caches[l - 1]
        if l < L:
            dZ = np.array(dA, copy=True)
            dZ[Z <= 0] = 0
        grads["dW" + str(l)] = np.dot(dZ, A_prev.T) / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        dA = np.dot(p["W" + str(l)].T, dZ)
    for l in range(1, L + 1):
        p["W" + str(l)] = p["W" + str(l)] - lr * grads["dW" + str(l)]
        p["b" + str(l)] = p["b" + str(l)] - lr * grads["db" + str(l)]
    return cost


def init(sizes, rng, scale):
    p = {}
    for l in range(1, len(sizes)):
        s = 0.01 if scale == "small" else np.sqrt(2 / sizes[l - 1])
        p["W" + str(l)] = rng.standard_normal((sizes[l], sizes[l - 1])) * s
        p["b" + str(l)] = np.zeros((sizes[l], 1))
    return p


def timed(step, iterations, batches):
    step()  # warm-up
    times = []
    for _ in range(batches):
        t = time.perf_counter()
        for _ in range(iterations):
            step()
        times.append((time.perf_counter() - t) / iterations * 1e3)
    times.sort()
    return times[len(times) // 2]


def main():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((2, 400))
    Y = rng.integers(0, 2, (1, 400)).astype(np.float64)
    p = init([2, 4, 1], rng, "small")
    print("W1 %.4f" % timed(lambda: planar_step(X, Y, p, 1.2), 1000, 3))

    X = rng.random((12288, 209))
    Y = rng.integers(0, 2, (1, 209)).astype(np.float64)
    p = init([12288, 20, 7, 5, 1], rng, "he")
    print("W2 %.3f" % timed(lambda: l_layer_step(X, Y, p, 4, False, 0.0075), 10, 3))

    X = rng.random((784, 10000))
    Y = np.eye(10)[:, rng.integers(0, 10, 10000)]
    p = init([784, 256, 128, 10], rng, "he")
    print("W3 %.2f" % timed(lambda: l_layer_step(X, Y, p, 3, True, 0.01), 3, 3))


if __name__ == "__main__":
    main()
