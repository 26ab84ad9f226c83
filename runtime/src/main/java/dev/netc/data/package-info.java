/**
 * Reading examples from CSV files into the matrices that netc models take.
 *
 * <p>What this package promises:
 *
 * <ul>
 *   <li>A {@link dev.netc.data.DataSet} holds {@code X} as an {@code n x m} matrix with one example
 *       per <em>column</em> (as in the course notes and {@code Model.fit}) and {@code Y} as {@code
 *       k x m}, encoded by a {@link dev.netc.data.LabelEncoding}; its shapes are checked when it is
 *       made.
 *   <li>{@link dev.netc.data.CsvReader} reads comma-separated files with a header line
 *       (double-quoted fields with {@code ""} escapes, CRLF and a blank last line allowed; a {@code
 *       .gz} file is read through gunzip). Every data error is a {@link dev.netc.data.CsvException}
 *       that names the file, the 1-based line and the column (number and header name), what was
 *       expected and what was found: {@code digits.csv:12: column 5 ("p4") must be a number but is
 *       "abc"}. Nothing is guessed: an empty, non-finite or unparsable number and an unknown label
 *       are errors, never zeros.
 *   <li>It reads files, class-path resources and streams; a line may hold at most 16 MiB of
 *       characters ({@link dev.netc.data.CsvReader#maxLineLength}), so no input exhausts memory; a
 *       message quotes at most 40 characters of a field; a truncated {@code .gz} file says so.
 *   <li>The same seed gives the same {@link dev.netc.data.DataSet#split split} (in two, or in
 *       three: training, validation, test) on every JVM.
 *   <li>{@link dev.netc.data.DataSet#classIndices} and {@link dev.netc.data.DataSet#labels} turn
 *       a model's predictions (one-hot, probabilities, 0/1) back into classes and their names.
 *   <li>{@link dev.netc.data.Standardizer} never changes its input; it returns new matrices.
 * </ul>
 */
package dev.netc.data;
