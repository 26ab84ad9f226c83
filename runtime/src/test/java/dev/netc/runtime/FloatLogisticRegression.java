package dev.netc.runtime;

import dev.netc.runtime.internal.FloatTrainable;
import dev.netc.runtime.internal.InputChecks;
import dev.netc.runtime.internal.TrainingLoop;
import dev.netc.runtime.internal.Workspaces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * {@link LogisticRegression} in single precision, written with plain loops (float arithmetic,
 * costs summed in double), so that {@link Training}'s float path is tested without the float
 * kernels; {@link #model()} wraps it in a {@link FloatModel} the way a generated model is wired.
 * Same probes: the column counts and first rows its forward pass saw, and a NaN gradient at one
 * backward call.
 */
final class FloatLogisticRegression implements FloatTrainable {

  static final Architecture ARCHITECTURE = LogisticRegression.ARCHITECTURE;

  final FloatParameters parameters = new FloatParameters(ARCHITECTURE.sizes());
  final FloatGradients gradients = new FloatGradients(ARCHITECTURE.sizes());
  final List<Integer> forwardColumns = new ArrayList<>();
  final List<double[]> firstRows = new ArrayList<>();
  int backwardCalls;
  int costCalls;
  int nanAtBackward = -1;
  boolean recordRows;
  boolean recordColumns = true;

  private FloatMatrix Z;
  private FloatMatrix A;
  private FloatMatrix dZ;

  @Override
  public FloatMatrix forward(FloatMatrix X) {
    if (recordColumns) {
      forwardColumns.add(X.columns);
    }
    if (recordRows) {
      double[] row = new double[X.columns];
      for (int j = 0; j < X.columns; j++) {
        row[j] = X.get(0, j);
      }
      firstRows.add(row);
    }
    Z = Workspaces.resize(Z, 1, X.columns);
    A = Workspaces.resize(A, 1, X.columns);
    float[] w = parameters.W(1).data;
    float b = parameters.b(1).data[0];
    for (int j = 0; j < X.columns; j++) {
      float z = b + w[0] * X.data[2 * j] + w[1] * X.data[2 * j + 1];
      Z.data[j] = z;
      A.data[j] = (float) (1 / (1 + Math.exp(-z)));
    }
    return A;
  }

  /** Binary cross-entropy from the logits, as Losses computes it, summed in double. */
  @Override
  public double costOfLastForward(FloatMatrix Y) {
    costCalls++;
    double sum = 0;
    for (int j = 0; j < Y.columns; j++) {
      double z = Z.data[j];
      sum += Math.max(z, 0) - z * Y.data[j] + Math.log1p(Math.exp(-Math.abs(z)));
    }
    return sum / Y.columns;
  }

  @Override
  public void backward(FloatMatrix X, FloatMatrix Y) {
    dZ = Workspaces.resize(dZ, 1, X.columns);
    float scale = (float) (1.0 / X.columns);
    float dw0 = 0;
    float dw1 = 0;
    float db = 0;
    for (int j = 0; j < X.columns; j++) {
      float d = A.data[j] - Y.data[j];
      dZ.data[j] = d;
      dw0 += d * X.data[2 * j];
      dw1 += d * X.data[2 * j + 1];
      db += d;
    }
    gradients.dW(1).data[0] = scale * dw0;
    gradients.dW(1).data[1] = scale * dw1;
    gradients.db(1).data[0] = scale * db;
    if (backwardCalls++ == nanAtBackward) {
      gradients.dW(1).put(0, 1, Float.NaN);
    }
  }

  TrainingReport fit(FloatMatrix X, FloatMatrix Y, Training training) {
    InputChecks.checkTargets(ARCHITECTURE, X, Y);
    return TrainingLoop.run(training, ARCHITECTURE, parameters, gradients, this, X, Y);
  }

  double cost(FloatMatrix X, FloatMatrix Y) {
    forward(X);
    return costOfLastForward(Y);
  }

  /** This network as a {@link FloatModel}, wired the way a generated model is. */
  FloatModel model() {
    FloatLogisticRegression passes = this;
    return new FloatModel() {
      @Override
      public int[] layerSizes() {
        return ARCHITECTURE.sizes();
      }

      @Override
      public FloatMatrix forward(FloatMatrix X) {
        InputChecks.checkInput(ARCHITECTURE, X);
        return passes.forward(X).dup();
      }

      @Override
      public FloatMatrix predict(FloatMatrix X) {
        FloatMatrix A = forward(X);
        for (int j = 0; j < A.length; j++) {
          A.data[j] = A.data[j] > 0.5f ? 1 : 0;
        }
        return A;
      }

      @Override
      public float[] forward(float[] x) {
        return forward(new FloatMatrix(x.length, 1, x.clone())).data;
      }

      @Override
      public void forward(float[] x, float[] out) {
        System.arraycopy(forward(x), 0, out, 0, out.length);
      }

      @Override
      public float[] predict(float[] x) {
        return predict(new FloatMatrix(x.length, 1, x.clone())).data;
      }

      @Override
      public double cost(FloatMatrix X, FloatMatrix Y) {
        InputChecks.checkTargets(ARCHITECTURE, X, Y);
        return passes.cost(X, Y);
      }

      @Override
      public FloatGradients gradients(FloatMatrix X, FloatMatrix Y) {
        InputChecks.checkTargets(ARCHITECTURE, X, Y);
        passes.forward(X);
        passes.backward(X, Y);
        return gradients.copy();
      }

      @Override
      public FloatParameters parameters() {
        return parameters;
      }

      @Override
      public TrainingReport fit(FloatMatrix X, FloatMatrix Y, Training training) {
        return passes.fit(X, Y, training);
      }

      @Override
      public void save(Path file) throws IOException {
        ModelFiles.save(file, parameters);
      }

      @Override
      public String summary() {
        return ARCHITECTURE.summary();
      }
    };
  }

  /** The exact double copy of {@code M}. */
  static DoubleMatrix toDouble(FloatMatrix M) {
    DoubleMatrix D = new DoubleMatrix(M.rows, M.columns);
    for (int i = 0; i < M.length; i++) {
      D.data[i] = M.data[i];
    }
    return D;
  }
}
