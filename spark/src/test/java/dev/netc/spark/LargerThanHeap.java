package dev.netc.spark;

import dev.netc.data.Batches;
import dev.netc.runtime.Training;
import dev.netc.runtime.TrainingReport;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@link BatchesLargerThanHeapTest} runs in a JVM with a small heap: trains {@link Wide} on
 * the files given and saves the parameters. Arguments: X.npy, Y.npy, the output .npz.
 */
public final class LargerThanHeap {
  static final Training TRAINING = Training.adam(0.001).epochs(1).miniBatches(4096).seed(5);

  private LargerThanHeap() {}

  public static void main(String[] args) throws IOException {
    WideModel model = WideModel.create(3);
    TrainingReport report = Batches.npy(Path.of(args[0]), Path.of(args[1])).fit(model, TRAINING);
    model.save(Path.of(args[2]));
    System.out.println("heap " + Runtime.getRuntime().maxMemory() + " final cost "
        + report.finalCost());
  }
}
