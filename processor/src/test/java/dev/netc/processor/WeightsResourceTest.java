package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.netc.data.Standardizer;
import dev.netc.runtime.FloatModel;
import dev.netc.runtime.Model;
import dev.netc.runtime.ModelFiles;
import dev.netc.runtime.Parameters;
import dev.netc.runtime.Preprocessing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @Network(weights = "...")} end to end: every failure pinned by id, file, line and count,
 * and a file that fits compiles into a model whose {@code pretrained()} returns exactly its
 * numbers.
 *
 * <p>Where javac finds the file: Compile Testing keeps the class output in memory, where no test
 * can put a file before javac runs, so most tests put the {@code .npz} in a temporary directory
 * and pass it as {@code -sourcepath} (which the processor searches second). The class output
 * (searched first, where Maven's process-resources phase puts {@code src/main/resources}) is
 * covered with the JDK's compiler and a real {@code -d} directory, and the class path (searched
 * last) with {@code -classpath}. Run-time loading uses a class loader that serves the compiled
 * classes and the {@code .npz} from memory, its parent the test's class loader (runtime, jblas).
 *
 * <p>The network throughout: {@code 2 -> 4 (tanh) -> 1 (sigmoid)}, so {@code W1} is 4x2, {@code
 * b1} 4x1, {@code W2} 1x4, {@code b2} 1x1.
 */
final class WeightsResourceTest {
  private static final String FILE = "planar-test-weights.npz";

  @TempDir Path dir;

  // ---------------------------------------------------------------- files that fit

  @Test
  void fittingFileCompilesAndPretrainedReturnsItsNumbers() throws Exception {
    Parameters saved = numbered();
    ModelFiles.save(dir.resolve(FILE), saved);
    JavaFileObject f = planar("\"" + FILE + "\"");
    Compilation c = compile(f, "-Xlint:all,-processing");
    assertThat(c).succeededWithoutWarnings();
    String model = GeneratedText.of(c, "test.NetModel");
    assertThat(model).contains("public static NetModel pretrained() {");
    assertThat(model).contains("String resource = \"/" + FILE + "\";");
    assertThat(model).contains("checked that it holds exactly\n   * W1, b1, W2, b2");

    Model loaded = Loader.of(c, Map.of(FILE, Files.readAllBytes(dir.resolve(FILE))))
        .pretrained("test.NetModel");
    for (int l = 1; l <= 2; l++) {
      assertThat(loaded.parameters().W(l).data).isEqualTo(saved.W(l).data);
      assertThat(loaded.parameters().b(l).data).isEqualTo(saved.b(l).data);
    }
  }

  @Test
  void singlePrecisionPretrainedReadsTheFileAsFloats() throws Exception {
    // float64 in the file (what a double model saves), rounded to float on the way in.
    Parameters saved = numbered();
    saved.W(1).data[0] = 0.1;
    ModelFiles.save(dir.resolve(FILE), saved);
    JavaFileObject f =
        source(
            "@Network(",
            "    inputs = 2,",
            "    precision = Precision.FLOAT,",
            "    weights = \"" + FILE + "\")",
            "@Layer(units = 4, activation = Activation.TANH)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends dev.netc.runtime.FloatModel {}");
    Compilation c = compile(f, "-Xlint:all,-processing");
    assertThat(c).succeededWithoutWarnings();
    assertThat(GeneratedText.of(c, "test.NetModel"))
        .contains("ModelFiles.loadFloat(in, \"class-path resource \" + resource, ARCHITECTURE)");

    FloatModel loaded = Loader.of(c, Map.of(FILE, Files.readAllBytes(dir.resolve(FILE))))
        .pretrainedFloat("test.NetModel");
    for (int l = 1; l <= 2; l++) {
      double[] w = saved.W(l).data;
      double[] b = saved.b(l).data;
      for (int i = 0; i < w.length; i++) {
        assertThat(loaded.parameters().W(l).data[i]).isEqualTo((float) w[i]);
      }
      for (int i = 0; i < b.length; i++) {
        assertThat(loaded.parameters().b(l).data[i]).isEqualTo((float) b[i]);
      }
    }
  }

  @Test
  void vectorBiasesFloat32AndCOrderAsNumpyWritesThemAreAccepted() throws Exception {
    // np.savez(f, W1=W1.astype('<f4'), b1=b1 (shape (4,)), W2=W2, b2=b2 (shape (1,))), C order.
    Map<String, byte[]> arrays = new LinkedHashMap<>();
    arrays.put("W1", npy("<f4", new long[] {4, 2}, 1, 2, 3, 4, 5, 6, 7, 8));
    arrays.put("b1", npy("<f8", new long[] {4}, 0.5, 1.5, 2.5, 3.5));
    arrays.put("W2", npy("<f8", new long[] {1, 4}, -1, -2, -3, -4));
    arrays.put("b2", npy("<f8", new long[] {1}, 0.25));
    byte[] npz = npz(arrays);
    Files.write(dir.resolve(FILE), npz);
    Compilation c = compile(planar("\"" + FILE + "\""));
    assertThat(c).succeededWithoutWarnings();

    Parameters p = Loader.of(c, Map.of(FILE, npz)).pretrained("test.NetModel").parameters();
    // Row-major in the file, column-major in a DoubleMatrix.
    assertThat(p.W(1).data).isEqualTo(new double[] {1, 3, 5, 7, 2, 4, 6, 8});
    assertThat(p.b(1).data).isEqualTo(new double[] {0.5, 1.5, 2.5, 3.5});
    assertThat(p.W(2).data).isEqualTo(new double[] {-1, -2, -3, -4});
    assertThat(p.b(2).data).isEqualTo(new double[] {0.25});
  }

  @Test
  void aLeadingSlashAndDirectoriesAreAccepted() throws Exception {
    Files.createDirectories(dir.resolve("models/v1"));
    ModelFiles.save(dir.resolve("models/v1/planar.npz"), numbered());
    Compilation c = compile(planar("\"/models/v1/planar.npz\""));
    assertThat(c).succeededWithoutWarnings();
    assertThat(GeneratedText.of(c, "test.NetModel"))
        .contains("String resource = \"/models/v1/planar.npz\";");
  }

  @Test
  void noWeightsNoPretrained() {
    Compilation c =
        javac()
            .withProcessors(new NetcProcessor())
            .compile(
                source(
                    "@Network(inputs = 2)",
                    "@Layer(units = 1, activation = Activation.SIGMOID)",
                    "interface Net extends Model {}"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(GeneratedText.of(c, "test.NetModel")).doesNotContain("pretrained");
  }

  @Test
  void aResourceMissingAtRunTimeIsAnIllegalStateException() throws Exception {
    ModelFiles.save(dir.resolve(FILE), numbered());
    Compilation c = compile(planar("\"" + FILE + "\""));
    assertThat(c).succeeded();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Loader.of(c, Map.of()).pretrained("test.NetModel"));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "Net: pretrained() needs the class-path resource /" + FILE + " but it is missing"
                + " from the class path; package it with the application (Maven:"
                + " src/main/resources/" + FILE + ")");
  }

  @Test
  void aResourceThatChangedSinceCompilationIsAnUncheckedIoException() throws Exception {
    ModelFiles.save(dir.resolve(FILE), numbered());
    Compilation c = compile(planar("\"" + FILE + "\""));
    assertThat(c).succeeded();
    // At run time the class path holds another network's file.
    Parameters other = new Parameters(new int[] {2, 5, 1});
    Path otherFile = dir.resolve("other.npz");
    ModelFiles.save(otherFile, other);
    Loader loader = Loader.of(c, Map.of(FILE, Files.readAllBytes(otherFile)));
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> loader.pretrained("test.NetModel"));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "Net: W1 in class-path resource /" + FILE + " must be 4x2 (n[1] x n[0]), got 5x2");
  }

  // ---------------------------------------------------------------- where javac finds the file

  @Test
  void theClassOutputIsSearchedFirstAsMavenFillsIt() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("target/classes"));
    Path sources = Files.createDirectories(dir.resolve("src"));
    ModelFiles.save(classes.resolve(FILE), numbered());
    // A wrong file on the source path must not be read: the class output is what gets packaged.
    ModelFiles.save(sources.resolve(FILE), new Parameters(new int[] {2, 3, 1}));
    List<Diagnostic<? extends JavaFileObject>> diagnostics =
        compileWithJdk(
            classes,
            "-sourcepath",
            sources.toString(),
            "-Xlint:all,-processing");
    assertThat(diagnostics).isEmpty();
    assertThat(Files.exists(classes.resolve("test/NetModel.class"))).isTrue();
  }

  @Test
  void absentFromEveryLocationSaysWhereItLooked() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("target/classes"));
    List<Diagnostic<? extends JavaFileObject>> diagnostics = compileWithJdk(classes);
    assertThat(messages(diagnostics))
        .containsExactly(
            "[netc.weights-absent] Net: @Network(weights = \"" + FILE + "\") names a class-path"
                + " resource that javac cannot find; looked in the class output ("
                + classes.resolve(FILE) + "), the source path and the class path; put " + FILE
                + " under src/main/resources (Maven copies it to the class output before javac"
                + " runs) or add the directory that holds it to javac's -sourcepath");
    assertThat(diagnostics.get(0).getLineNumber()).isEqualTo(13); // the weights line
  }

  @Test
  void theClassPathIsSearchedLast() throws Exception {
    ModelFiles.save(dir.resolve(FILE), numbered());
    Compilation c =
        javac()
            .withProcessors(new NetcProcessor())
            .withOptions(
                "-classpath", System.getProperty("java.class.path") + File.pathSeparator + dir)
            .compile(planar("\"" + FILE + "\""));
    assertThat(c).succeededWithoutWarnings();
  }

  // ---------------------------------------------------------------- every failure

  @Test
  void wrongShape() throws Exception {
    Map<String, byte[]> arrays = fitting();
    arrays.put("W2", npy("<f8", new long[] {1, 5}));
    JavaFileObject f = writeAndDeclare(arrays);
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-shape] Net: @Network(weights = \"" + FILE + "\"): W2 must be 1x4"
                + " (n[2] x n[1]) but the file holds 1x5; the file was saved for another"
                + " architecture: retrain for this declaration or fix the declaration")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void transposedWeightsSayTranspose() throws Exception {
    Map<String, byte[]> arrays = fitting();
    arrays.put("W1", npy("<f8", new long[] {2, 4}));
    JavaFileObject f = writeAndDeclare(arrays);
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-shape] Net: @Network(weights = \"" + FILE + "\"): W1 must be 4x2"
                + " (n[1] x n[0]) but the file holds 2x4; that is the transpose: netc stores W[l]"
                + " as n[l] x n[l-1] (one row per unit), so save W1.T")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void wrongBiasShapeAndNonMatrixShapes() throws Exception {
    Map<String, byte[]> arrays = fitting();
    arrays.put("b1", npy("<f8", new long[] {4, 2}));
    arrays.put("W2", npy("<f8", new long[] {4}));
    JavaFileObject f = writeAndDeclare(arrays);
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-shape] Net: @Network(weights = \"" + FILE + "\"): b1 must be 4x1"
                + " (n[1] x 1) but the file holds 4x2;")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c)
        .hadErrorContaining(
            "W2 must be 1x4 (n[2] x n[1]) but the file holds shape (4,); save it as a matrix of"
                + " shape (1, 4)")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void missingArray() throws Exception {
    Map<String, byte[]> arrays = fitting();
    arrays.remove("b2");
    JavaFileObject f = writeAndDeclare(arrays);
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-missing] Net: @Network(weights = \"" + FILE + "\"): the file has no"
                + " array b2 (n[2] x 1 = 1x1); it holds W1, b1, W2 but a 2-layer network needs"
                + " exactly W1, b1, W2, b2; save every W[l] and b[l] under these names")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void extraArray() throws Exception {
    Map<String, byte[]> arrays = fitting();
    arrays.put("W3", npy("<f8", new long[] {1, 1}));
    JavaFileObject f = writeAndDeclare(arrays);
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-extra] Net: @Network(weights = \"" + FILE + "\"): the file holds an"
                + " array W3 (1x1) that a 2-layer network has no place for; it needs exactly W1,"
                + " b1, W2, b2; remove W3 from the file or check that the file belongs to this"
                + " declaration")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void wrongDtype() throws Exception {
    Map<String, byte[]> arrays = fitting();
    arrays.put("W1", npy(">f8", new long[] {4, 2}));
    JavaFileObject f = writeAndDeclare(arrays);
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-dtype] Net: @Network(weights = \"" + FILE + "\"): W1 has dtype '>f8'"
                + " but netc reads only little-endian float64 ('<f8') or float32 ('<f4'); save it"
                + " as float64, e.g. numpy.savez(file, W1=W1.astype('<f8'), ...)")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void integerArrayIsAWrongDtype() throws Exception {
    Map<String, byte[]> arrays = fitting();
    arrays.put("b1", npy("<i8", new long[] {4}));
    JavaFileObject f = writeAndDeclare(arrays);
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.weights-dtype] Net: @Network(weights = \"" + FILE + "\"): b1"
            + " has dtype '<i8'")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void positionalNamesAreOneError() throws Exception {
    // np.savez(f, W1, b1, W2, b2) without names writes arr_0 ... arr_3.
    Map<String, byte[]> arrays = new LinkedHashMap<>();
    int i = 0;
    for (byte[] array : fitting().values()) {
      arrays.put("arr_" + i++, array);
    }
    JavaFileObject f = writeAndDeclare(arrays);
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-names] Net: @Network(weights = \"" + FILE + "\"): no array of the file"
                + " (arr_0, arr_1, arr_2, arr_3) has a name netc reads; a 2-layer network needs"
                + " exactly W1, b1, W2, b2; save them by name, e.g. numpy.savez(file, W1=W1,"
                + " b1=b1, ...)")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void severalProblemsGiveOneErrorEach() throws Exception {
    Map<String, byte[]> arrays = fitting();
    arrays.put("W1", npy("<f8", new long[] {4, 3}));
    arrays.put("b1", npy(">f8", new long[] {4, 1}));
    arrays.remove("b2");
    arrays.put("W3", npy("<f8", new long[] {1, 1}));
    JavaFileObject f = writeAndDeclare(arrays);
    Compilation c = compile(f);
    for (String id : List.of("shape", "dtype", "missing", "extra")) {
      assertThat(c)
          .hadErrorContaining("[netc.weights-" + id + "]")
          .inFile(f)
          .onLineContaining("weights = ");
    }
    assertThat(c).hadErrorContaining("W1 must be 4x2");
    assertThat(c).hadErrorContaining("b1 has dtype '>f8'");
    assertThat(c).hadErrorContaining("no array b2");
    assertThat(c).hadErrorContaining("an array W3");
    assertThat(c).hadErrorCount(4);
  }

  @Test
  void aFileWithItsPreprocessingCompilesAndPretrainedLoadsItsParameters() throws Exception {
    Parameters saved = numbered();
    Preprocessing preprocessing =
        Preprocessing.of(
            Standardizer.of(new double[] {1.5, -2}, new double[] {0.5, 0}), List.of("no", "yes"));
    ModelFiles.save(dir.resolve(FILE), saved, preprocessing);
    Compilation c = compile(planar("\"" + FILE + "\""), "-Xlint:all,-processing");
    assertThat(c).succeededWithoutWarnings();

    byte[] file = Files.readAllBytes(dir.resolve(FILE));
    Model loaded = Loader.of(c, Map.of(FILE, file)).pretrained("test.NetModel");
    assertThat(loaded.parameters().W(1).data).isEqualTo(saved.W(1).data);
    Preprocessing back =
        ModelFiles.loadBundle(
                new ByteArrayInputStream(file),
                FILE,
                new dev.netc.runtime.Architecture(
                    "Net",
                    new int[] {2, 4, 1},
                    new String[] {"", ""},
                    new dev.netc.annotations.Activation[] {
                      dev.netc.annotations.Activation.TANH, dev.netc.annotations.Activation.SIGMOID
                    },
                    dev.netc.annotations.Loss.BINARY_CROSS_ENTROPY))
            .preprocessing();
    assertThat(back.labels()).containsExactly("no", "yes").inOrder();
    assertThat(back.standardizer().get().std().data).isEqualTo(new double[] {0.5, 0});
  }

  @Test
  void aParameterThatIsNotFiniteIsOneError() throws Exception {
    Parameters saved = numbered();
    saved.W(1).put(1, 0, Double.NaN);
    saved.b(2).put(0, 0, Double.NEGATIVE_INFINITY);
    ModelFiles.save(dir.resolve(FILE), saved);
    JavaFileObject f = planar("\"" + FILE + "\"");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-values] Net: @Network(weights = \"" + FILE + "\"): W1 holds NaN at"
                + " (1, 0); every parameter must be finite (was the file saved after a diverged"
                + " training?); save the file again from finite values")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c)
        .hadErrorContaining("[netc.weights-values] Net: @Network(weights = \"" + FILE + "\"): b2"
            + " holds -Infinity at (0, 0)")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(2);
  }

  @Test
  void aFloat64ValueBeyondFloat32IsAnErrorForAFloatNetworkOnly() throws Exception {
    Parameters saved = numbered();
    saved.b(1).put(2, 0, -1e39);
    ModelFiles.save(dir.resolve(FILE), saved);
    assertThat(compile(planar("\"" + FILE + "\""))).succeededWithoutWarnings();
    JavaFileObject f =
        source(
            "@Network(",
            "    inputs = 2,",
            "    precision = Precision.FLOAT,",
            "    weights = \"" + FILE + "\")",
            "@Layer(units = 4, activation = Activation.TANH)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends dev.netc.runtime.FloatModel {}");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-values] Net: @Network(weights = \"" + FILE + "\"): b1 holds -1.0E39 at"
                + " (2, 0), which is infinite as a float32 (precision = FLOAT); every parameter"
                + " must be finite")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void preprocessingArraysThatDoNotFitAreOneErrorEach() throws Exception {
    Map<String, byte[]> arrays = fitting();
    arrays.put("netc_standardizer_mean", npy("<f8", new long[] {3}));
    arrays.put("netc_labels", npy("<f8", new long[] {2}));
    JavaFileObject f = writeAndDeclare(arrays);
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-reserved] Net: @Network(weights = \"" + FILE + "\"):"
                + " netc_standardizer_mean, which netc reads as the model's preprocessing, does"
                + " not fit: it has shape (3,) but the network has 2 inputs; save a vector of"
                + " shape (2,)")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-reserved] Net: @Network(weights = \"" + FILE + "\"): netc_labels,"
                + " which netc reads as the model's preprocessing, does not fit: it must be a"
                + " vector of strings ('<U'), found <f8 of shape (2,); save"
                + " numpy.array(labels, dtype=str)")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-reserved] Net: @Network(weights = \"" + FILE + "\"):"
                + " netc_standardizer_mean, which netc reads as the model's preprocessing, does"
                + " not fit: the file has no netc_standardizer_std beside it; a standardizer"
                + " needs both")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(3);
  }

  @Test
  void unreadableFile() throws Exception {
    Files.writeString(dir.resolve(FILE), "W1,b1\n1,2\n", UTF_8);
    JavaFileObject f = planar("\"" + FILE + "\"");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-unreadable] Net: @Network(weights = \"" + FILE + "\"): "
                + dir.resolve(FILE) + " is not a readable .npz archive: not a zip archive (an .npz"
                + " starts with PK, this file starts with W1,b1\\x0a1,); save the weights with"
                + " numpy.savez or with the generated model's save(Path)")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void truncatedFileIsUnreadable() throws Exception {
    ModelFiles.save(dir.resolve("whole.npz"), numbered());
    byte[] whole = Files.readAllBytes(dir.resolve("whole.npz"));
    Files.write(dir.resolve(FILE), java.util.Arrays.copyOf(whole, whole.length / 2));
    JavaFileObject f = planar("\"" + FILE + "\"");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining("[netc.weights-unreadable] Net: @Network(weights = \"" + FILE + "\"): ")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void absentFile() {
    JavaFileObject f = planar("\"" + FILE + "\"");
    Compilation c = compile(f);
    assertThat(c)
        .hadErrorContaining(
            "[netc.weights-absent] Net: @Network(weights = \"" + FILE + "\") names a class-path"
                + " resource that javac cannot find; looked in the class output")
        .inFile(f)
        .onLineContaining("weights = ");
    assertThat(c).hadErrorContaining("the source path and the class path; put " + FILE);
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void pathsThatAreNotPortableResourcePaths() {
    Map<String, String> problems = new LinkedHashMap<>();
    problems.put(
        "\"../planar.npz\"",
        "it contains \"..\" (a resource path cannot leave or restate its directory)");
    problems.put(
        "\"models\\\\planar.npz\"", "it contains a backslash (use '/' between directories)");
    problems.put("\"models//planar.npz\"", "it has an empty name between two slashes");
    problems.put("\"/\"", "it names the class-path root, not a file");
    problems.put("\"my model.npz\"", "it contains a space");
    problems.put("\"mod\\u00e8le.npz\"", "it contains the character U+00E8");
    for (Map.Entry<String, String> problem : problems.entrySet()) {
      JavaFileObject f = planar(problem.getKey());
      Compilation c = compile(f);
      assertThat(c)
          .hadErrorContaining(
              "[netc.weights-path] Net: @Network(weights = ")
          .inFile(f)
          .onLineContaining("weights = ");
      assertThat(c).hadErrorContaining("is not a class-path resource path netc accepts: "
          + problem.getValue() + "; name the file relative to the class-path root");
      assertThat(c).hadErrorCount(1);
    }
  }

  @Test
  void aLayerSizeAnotherRuleRejectsIsNotComparedAgain() throws Exception {
    ModelFiles.save(dir.resolve(FILE), numbered());
    JavaFileObject f =
        source(
            "@Network(",
            "    inputs = 2,",
            "    weights = \"" + FILE + "\")",
            "@Layer(",
            "    units = 0,",
            "    activation = Activation.TANH)",
            "@Layer(units = 1, activation = Activation.SIGMOID)",
            "interface Net extends Model {}");
    Compilation c = compile(f);
    assertThat(c).hadErrorContaining("[netc.units]").inFile(f).onLineContaining("units = 0");
    assertThat(c).hadErrorCount(1);
  }

  @Test
  void emptyWeightsMeansNone() {
    Compilation c =
        javac()
            .withProcessors(new NetcProcessor())
            .compile(
                source(
                    "@Network(",
                    "    inputs = 2,",
                    "    weights = \"\")",
                    "@Layer(units = 1, activation = Activation.SIGMOID)",
                    "interface Net extends Model {}"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(GeneratedText.of(c, "test.NetModel")).doesNotContain("pretrained");
  }

  // ---------------------------------------------------------------- helpers

  /** Every W and b of the planar network with distinct values: {@code W1(r, c) = 1 + r + 10c}. */
  private static Parameters numbered() {
    Parameters p = new Parameters(new int[] {2, 4, 1});
    for (int l = 1; l <= 2; l++) {
      double[] w = p.W(l).data;
      for (int i = 0; i < w.length; i++) {
        w[i] = l * 100 + i + 0.125;
      }
      double[] b = p.b(l).data;
      for (int i = 0; i < b.length; i++) {
        b[i] = -(l * 100 + i) - 0.5;
      }
    }
    return p;
  }

  /** The four arrays of the planar network, as {@code .npy} entries, in order. */
  private static Map<String, byte[]> fitting() {
    Map<String, byte[]> arrays = new LinkedHashMap<>();
    arrays.put("W1", npy("<f8", new long[] {4, 2}));
    arrays.put("b1", npy("<f8", new long[] {4, 1}));
    arrays.put("W2", npy("<f8", new long[] {1, 4}));
    arrays.put("b2", npy("<f8", new long[] {1, 1}));
    return arrays;
  }

  /** Writes the arrays as {@link #FILE} in {@link #dir} and declares the planar network on it. */
  private JavaFileObject writeAndDeclare(Map<String, byte[]> arrays) throws IOException {
    Files.write(dir.resolve(FILE), npz(arrays));
    return planar("\"" + FILE + "\"");
  }

  /** {@code test.Net}, the planar network, with {@code weights = <literal>} on line 13. */
  private static JavaFileObject planar(String weightsLiteral) {
    return source(
        "@Network(",
        "    inputs = 2,",
        "    weights = " + weightsLiteral + ")",
        "@Layer(units = 4, activation = Activation.TANH)",
        "@Layer(units = 1, activation = Activation.SIGMOID)",
        "interface Net extends Model {}");
  }

  /** {@code test.Net} with the usual imports (10 lines), then the given lines. */
  private static JavaFileObject source(String... lines) {
    String[] header = {
      "package test;",
      "",
      "import dev.netc.annotations.Activation;",
      "import dev.netc.annotations.Init;",
      "import dev.netc.annotations.Layer;",
      "import dev.netc.annotations.Loss;",
      "import dev.netc.annotations.Network;",
      "import dev.netc.annotations.Precision;",
      "import dev.netc.runtime.Model;",
      ""
    };
    return JavaFileObjects.forSourceLines(
        "test.Net", Stream.concat(Stream.of(header), Stream.of(lines)).toList());
  }

  /** Compile Testing, with {@link #dir} as the source path. */
  private Compilation compile(JavaFileObject source, String... options) {
    List<String> all =
        Stream.concat(Stream.of("-sourcepath", dir.toString()), Stream.of(options)).toList();
    return javac().withProcessors(new NetcProcessor()).withOptions(all).compile(source);
  }

  /**
   * The JDK's compiler with real directories, as Maven runs it: {@code -d classes}, generated
   * sources next to it, the planar network on {@link #FILE}. Returns every diagnostic.
   */
  private List<Diagnostic<? extends JavaFileObject>> compileWithJdk(
      Path classes, String... options) throws IOException {
    Path source = dir.resolve("java/test/Net.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, planar("\"" + FILE + "\"").getCharContent(true), UTF_8);
    Path generated = Files.createDirectories(dir.resolve("generated"));
    JavaCompiler jdk = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        jdk.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      JavaCompiler.CompilationTask task =
          jdk.getTask(
              null, files, diagnostics, List.of(options), null, files.getJavaFileObjects(source));
      task.setProcessors(List.of(new NetcProcessor()));
      task.call();
    }
    return diagnostics.getDiagnostics();
  }

  private static List<String> messages(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream().map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
  }

  /**
   * One {@code .npy} v1.0 entry as numpy writes it, C order; {@code values} row by row, zeros when
   * none are given. Data in the byte order and width {@code descr} says ({@code <f8 >f8 <f4 <i8}).
   */
  private static byte[] npy(String descr, long[] shape, double... values) {
    long count = 1;
    StringBuilder shapeText = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      count *= shape[i];
      shapeText.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    shapeText.append(shape.length == 1 ? ",)" : ")");
    String dict =
        "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
    int unpadded = 10 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    int width = descr.endsWith("4") ? 4 : 8;
    ByteBuffer data =
        ByteBuffer.allocate((int) count * width)
            .order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      double v = i < values.length ? values[i] : 0;
      switch (descr.substring(1)) {
        case "f8" -> data.putDouble(v);
        case "f4" -> data.putFloat((float) v);
        case "i8" -> data.putLong((long) v);
        default -> throw new IllegalArgumentException(descr);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.write(header.length() & 0xFF);
    out.write(header.length() >> 8);
    out.writeBytes(header.getBytes(ISO_8859_1));
    out.writeBytes(data.array());
    return out.toByteArray();
  }

  /** A zip of {@code NAME.npy} entries, deflated, as {@code numpy.savez_compressed} writes. */
  private static byte[] npz(Map<String, byte[]> arrays) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> array : arrays.entrySet()) {
        zip.putNextEntry(new ZipEntry(array.getKey() + ".npy"));
        zip.write(array.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** The text of a generated source file. */
  private static final class GeneratedText {
    static String of(Compilation c, String qualifiedName) {
      try {
        return c.generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName))
            .getCharContent(true)
            .toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * The class files of a Compile Testing compilation and some resources, served from memory; its
   * parent is the test's class loader, which provides dev.netc.runtime and jblas.
   */
  private static final class Loader extends ClassLoader {
    private final Map<String, byte[]> classes;
    private final Map<String, byte[]> resources;

    private Loader(Map<String, byte[]> classes, Map<String, byte[]> resources) {
      super(WeightsResourceTest.class.getClassLoader());
      this.classes = classes;
      this.resources = resources;
    }

    /** @param resources class-path resource name (no leading slash) -> bytes */
    static Loader of(Compilation c, Map<String, byte[]> resources) throws IOException {
      Map<String, byte[]> classes = new HashMap<>();
      for (JavaFileObject file : c.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
          try (InputStream in = file.openInputStream()) {
            classes.put(name.replace(".class", "").replace('/', '.'), in.readAllBytes());
          }
        }
      }
      return new Loader(classes, resources);
    }

    /** {@code modelClass.pretrained()}, rethrowing what it throws. */
    Model pretrained(String modelClass) throws Exception {
      return (Model) invokePretrained(modelClass);
    }

    /** {@code modelClass.pretrained()} of a single-precision model. */
    FloatModel pretrainedFloat(String modelClass) throws Exception {
      return (FloatModel) invokePretrained(modelClass);
    }

    private Object invokePretrained(String modelClass) throws Exception {
      try {
        return loadClass(modelClass).getMethod("pretrained").invoke(null);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof Exception cause) {
          throw cause;
        }
        throw (Error) e.getCause();
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      byte[] bytes = resources.get(name);
      return bytes != null ? new ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
    }
  }
}
