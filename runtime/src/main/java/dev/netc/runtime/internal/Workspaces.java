package dev.netc.runtime.internal;

import org.jblas.DoubleMatrix;

// twin: f32 inherited
/** Workspaces of generated passes that keep their arrays when the number of examples changes. */
public final class Workspaces extends FloatWorkspaces {

  private Workspaces() {}

  /**
   * {@code workspace} reshaped to {@code rows x columns} when its array is large enough, else a new
   * matrix of that shape. Mini-batch training alternates between the batch size and the smaller
   * last batch, and evaluates on other sets in between: reusing the array keeps those switches
   * free of allocation. The contents are undefined afterwards.
   */
  public static DoubleMatrix resize(DoubleMatrix workspace, int rows, int columns) {
    long length = (long) rows * columns;
    if (workspace == null || workspace.data.length < length) {
      return new DoubleMatrix(rows, columns);
    }
    workspace.rows = rows;
    workspace.columns = columns;
    workspace.length = (int) length;
    return workspace;
  }
}
