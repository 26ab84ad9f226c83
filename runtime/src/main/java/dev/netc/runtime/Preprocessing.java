package dev.netc.runtime;

import dev.netc.data.Standardizer;
import dev.netc.npz.NpyHeader;
import dev.netc.npz.NpzWriter;
import dev.netc.npz.ReservedArrays;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jblas.DoubleMatrix;
import org.jblas.FloatMatrix;

/**
 * What a trained model needs besides its parameters to answer from raw rows as the training
 * program did: the {@link Standardizer} fitted on the training features, and the names of the
 * output units (the classes of the training labels). {@link ModelFiles#save(java.nio.file.Path,
 * Parameters, Preprocessing)} writes it into the model's {@code .npz} beside the parameters, where
 * {@code numpy.load} reads it too, and {@link ModelFiles#loadBundle} reads it back.
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(train.X());
 * model.fit(s.apply(train.X()), train.Y(), training);
 * ModelFiles.save(file, model.parameters(), Preprocessing.of(s, train.classes()));
 * // in the service:
 * ModelBundle<Parameters> bundle = ModelFiles.loadBundle(file, FooModel.ARCHITECTURE);
 * List<String> answers = bundle.preprocessing().predictLabels(model, rawX);
 * }</pre>
 */
public final class Preprocessing {

  private static final Preprocessing NONE = new Preprocessing(null, List.of());

  private final Standardizer standardizer;
  private final List<String> labels;

  private Preprocessing(Standardizer standardizer, List<String> labels) {
    this.standardizer = standardizer;
    this.labels = List.copyOf(labels);
  }

  /** No standardisation and no labels: what a file without preprocessing arrays gives. */
  public static Preprocessing none() {
    return NONE;
  }

  /**
   * {@code standardizer} (null for none) and the names of the output units ({@code
   * DataSet.classes()}: one per unit, or two for a one-unit output; empty for none).
   *
   * @throws NullPointerException if {@code labels} or one of them is null
   */
  public static Preprocessing of(Standardizer standardizer, List<String> labels) {
    return standardizer == null && labels.isEmpty() ? NONE : new Preprocessing(standardizer,
        labels);
  }

  /** The standardizer raw features go through first, if the model was trained with one. */
  public Optional<Standardizer> standardizer() {
    return Optional.ofNullable(standardizer);
  }

  /** The names of the output units (two for a one-unit output: of 0 and of 1); may be empty. */
  public List<String> labels() {
    return labels;
  }

  /**
   * The model's input for raw features {@code X} ({@code n[0] x m}): a standardized copy, or
   * {@code X} itself when there is no standardizer.
   *
   * @throws IllegalArgumentException if {@code X} does not have the standardizer's features
   */
  public DoubleMatrix prepare(DoubleMatrix X) {
    return standardizer == null ? X : standardizer.apply(X);
  }

  /**
   * The label of each column of a model's output or prediction {@code A}: for a one-unit output
   * {@code labels().get(1)} where {@code A > 0.5} (what {@code predict} calls 1), else {@code
   * labels().get(0)}; otherwise the label of the largest unit (the first of equals), which for a
   * one-hot prediction is its class.
   *
   * @throws IllegalStateException if there are no labels
   * @throws IllegalArgumentException if {@code A}'s rows do not match the labels
   */
  public List<String> labelsOf(DoubleMatrix A) {
    int classes = labels.size();
    if (classes == 0) {
      throw new IllegalStateException(
          "this preprocessing has no labels; save them with Preprocessing.of(standardizer,"
              + " classes)");
    }
    boolean oneUnit = A.rows == 1 && classes == 2;
    if (!oneUnit && A.rows != classes) {
      throw new IllegalArgumentException(
          "A must be " + (classes == 2 ? "1xm or 2xm" : classes + "xm") + " for " + classes
              + " labels, got " + A.rows + "x" + A.columns);
    }
    List<String> out = new ArrayList<>(A.columns);
    for (int j = 0; j < A.columns; j++) {
      if (oneUnit) {
        out.add(labels.get(A.get(0, j) > 0.5 ? 1 : 0));
        continue;
      }
      int best = 0;
      for (int i = 1; i < A.rows; i++) {
        if (A.get(i, j) > A.get(best, j)) {
          best = i;
        }
      }
      out.add(labels.get(best));
    }
    return out;
  }

  /** {@code labelsOf(model.predict(prepare(X)))}: one label per raw example (column) of X. */
  public List<String> predictLabels(Model model, DoubleMatrix X) {
    Objects.requireNonNull(model, "model");
    return labelsOf(model.predict(prepare(X)));
  }

  /** {@link #predictLabels(Model, DoubleMatrix)} for a float32 model. */
  public List<String> predictLabels(FloatModel model, DoubleMatrix X) {
    Objects.requireNonNull(model, "model");
    FloatMatrix A = model.predict(prepare(X).toFloat());
    DoubleMatrix wide = new DoubleMatrix(A.rows, A.columns);
    for (int i = 0; i < A.length; i++) {
      wide.data[i] = A.data[i];
    }
    return labelsOf(wide);
  }

  /**
   * Refuses preprocessing that {@link ModelFiles#loadBundle} would refuse for a network of {@code
   * sizes}, before anything is written: what {@link ModelFiles#save(java.nio.file.Path,
   * Parameters, Preprocessing)} checks in either precision.
   */
  static void check(int[] sizes, Preprocessing preprocessing) {
    int inputs = sizes[0];
    int outputs = sizes[sizes.length - 1];
    preprocessing.standardizer().ifPresent(s -> {
      if (s.features() != inputs) {
        throw new IllegalArgumentException(
            "the standardizer has " + s.features() + " features but the network has n[0] = "
                + inputs + " inputs");
      }
    });
    List<String> labels = preprocessing.labels();
    if (!labels.isEmpty()) {
      int chars = 1;
      for (String label : labels) {
        chars = Math.max(chars, label.codePointCount(0, label.length()));
      }
      String problem =
          ReservedArrays.problem(
              ReservedArrays.LABELS, NpyHeader.of("<U" + chars, labels.size()), inputs, outputs);
      if (problem != null) {
        throw new IllegalArgumentException("labels " + labels + ": " + problem);
      }
    }
  }

  /**
   * Writes {@code preprocessing} to {@code npz} under the reserved names of {@link
   * ReservedArrays}, the standardizer as float64 in either precision.
   */
  static void write(NpzWriter npz, Preprocessing preprocessing) throws IOException {
    if (preprocessing.standardizer().isPresent()) {
      Standardizer s = preprocessing.standardizer().get();
      npz.writeVector(ReservedArrays.MEAN, s.mean().data);
      npz.writeVector(ReservedArrays.STD, s.std().data);
    }
    if (!preprocessing.labels().isEmpty()) {
      npz.writeStrings(ReservedArrays.LABELS, preprocessing.labels());
    }
  }

  @Override
  public String toString() {
    return "Preprocessing[standardizer="
        + (standardizer == null ? "none" : standardizer.features() + " features")
        + ", labels=" + labels + "]";
  }
}
