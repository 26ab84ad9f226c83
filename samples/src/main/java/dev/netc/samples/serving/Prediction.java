package dev.netc.samples.serving;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the service answers for one row.
 *
 * @param label the most probable class (the first of equals)
 * @param probabilities the probability of every class, in the order of the model's output units
 */
public record Prediction(String label, double[] probabilities) {
  public Prediction {
    Objects.requireNonNull(label, "label");
    probabilities = probabilities.clone();
  }

  @Override
  public double[] probabilities() {
    return probabilities.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Prediction p
        && label.equals(p.label)
        && Arrays.equals(probabilities, p.probabilities);
  }

  @Override
  public int hashCode() {
    return 31 * label.hashCode() + Arrays.hashCode(probabilities);
  }

  @Override
  public String toString() {
    return label + " " + Arrays.toString(probabilities);
  }
}
