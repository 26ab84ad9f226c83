package dev.netc.samples.serving;

import dev.netc.data.Standardizer;
import dev.netc.runtime.Model;
import dev.netc.runtime.Preprocessing;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jblas.DoubleMatrix;

/**
 * A trained softmax classifier with what it needs to answer raw rows: the model and the {@link
 * Preprocessing} saved with it (the standardiser fitted on its training data, the names of its
 * classes). One instance serves every request thread at once, as the one model does (see the
 * threads paragraph of {@link Model}).
 */
public final class Classifier {

  private final Model model;
  private final Preprocessing preprocessing;
  private final List<String> labels;
  private final int features;

  /**
   * @param model a model with a softmax output of one unit per label
   * @param preprocessing what the training program did to raw rows, with the labels
   * @throws IllegalArgumentException if the two disagree on the number of features or classes
   */
  public Classifier(Model model, Preprocessing preprocessing) {
    this.model = Objects.requireNonNull(model, "model");
    this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
    this.labels = preprocessing.labels();
    int[] n = model.layerSizes();
    Optional<Standardizer> standardizer = preprocessing.standardizer();
    if (standardizer.isPresent() && standardizer.get().features() != n[0]) {
      throw new IllegalArgumentException(
          "Classifier: the standardizer was fitted on "
              + standardizer.get().features()
              + " features but the model takes n[0] = "
              + n[0]);
    }
    if (labels.size() != n[n.length - 1] || labels.size() < 2) {
      throw new IllegalArgumentException(
          "Classifier: the model has n[L] = "
              + n[n.length - 1]
              + " outputs but "
              + labels.size()
              + " labels are given; a softmax classifier needs one label per output, at least 2");
    }
    this.features = n[0];
  }

  /** The number of raw features of a row, {@code n[0]}. */
  public int features() {
    return features;
  }

  /** The class names, in the order of the output units. */
  public List<String> labels() {
    return labels;
  }

  /**
   * The class of one raw row (prepared here as in training) and the probability of each class.
   *
   * @throws IllegalArgumentException if {@code row} does not have {@link #features()} values
   */
  public Prediction classify(double[] row) {
    if (row.length != features) {
      throw new IllegalArgumentException(
          "Classifier: a row must have " + features + " values, got " + row.length);
    }
    double[] x = preprocessing.prepare(new DoubleMatrix(row.length, 1, row.clone())).data;
    // Every request thread calls the one model at once: generated models give each thread its
    // own passes, so this needs no lock and gives the single-threaded bits.
    double[] probabilities = model.forward(x);
    int best = 0;
    for (int k = 1; k < probabilities.length; k++) {
      if (probabilities[k] > probabilities[best]) {
        best = k;
      }
    }
    return new Prediction(labels.get(best), probabilities);
  }
}
