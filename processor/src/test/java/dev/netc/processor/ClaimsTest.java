package dev.netc.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * netc claims its own annotations (and the {@code @Generated} of its own output), so that a user's
 * {@code -Xlint:all -Werror} build passes, and nothing else: another processor still sees its
 * annotations, and javac still warns about an annotation nobody processes.
 */
final class ClaimsTest {
  private static final JavaFileObject PLANAR =
      JavaFileObjects.forSourceLines(
          "test.Planar",
          "package test;",
          "",
          "import dev.netc.annotations.Activation;",
          "import dev.netc.annotations.Layer;",
          "import dev.netc.annotations.Network;",
          "import dev.netc.runtime.Model;",
          "",
          "@Network(inputs = 2)",
          "@Layer(units = 4, activation = Activation.TANH)",
          "@Layer(units = 1, activation = Activation.SIGMOID)",
          "@Tag",
          "public interface Planar extends Model {}");
  private static final JavaFileObject TAG =
      JavaFileObjects.forSourceLines(
          "test.Tag",
          "package test;",
          "",
          "import java.lang.annotation.Retention;",
          "import java.lang.annotation.RetentionPolicy;",
          "",
          "@Retention(RetentionPolicy.CLASS)",
          "public @interface Tag {}");

  @Test
  void aLintAllWerrorBuildPasses() {
    // As the service loader orders them (LocalNetworkFinder first), and the other way round.
    for (boolean finderFirst : new boolean[] {true, false}) {
      Compilation c =
          javac()
              .withProcessors(
                  finderFirst ? new LocalNetworkFinder() : new NetcProcessor(),
                  finderFirst ? new NetcProcessor() : new LocalNetworkFinder(),
                  new TagProcessor())
              .withOptions("-Xlint:all", "-Werror")
              .compile(PLANAR, TAG);
      assertThat(c).succeededWithoutWarnings();
      assertThat(c.generatedSourceFile("test.PlanarModel").isPresent()).isTrue();
    }
  }

  @Test
  void aProcessorOfAnotherAnnotationStillRunsAfterNetc() {
    TagProcessor tags = new TagProcessor();
    Compilation c = javac().withProcessors(new NetcProcessor(), tags).compile(PLANAR, TAG);
    assertThat(c).succeeded();
    assertThat(tags.seen).containsExactly("test.Planar");
  }

  @Test
  void anAnnotationNobodyProcessesIsStillReported() {
    Compilation c =
        javac()
            .withProcessors(new NetcProcessor())
            .withOptions("-Xlint:processing")
            .compile(PLANAR, TAG);
    assertThat(c).succeeded();
    List<String> unclaimed = unclaimedWarnings(c);
    assertThat(unclaimed).hasSize(1);
    assertThat(unclaimed.get(0)).contains("test.Tag");
    assertThat(unclaimed.get(0)).doesNotContain("dev.netc");
    assertThat(unclaimed.get(0)).doesNotContain("Generated");
  }

  @Test
  void anotherToolsGeneratedIsNotClaimed() {
    // javac claims a whole round's set or nothing: netc returns false rather than take it.
    Compilation c =
        javac()
            .withProcessors(new NetcProcessor(), new WritesGenerated())
            .withOptions("-Xlint:processing")
            .compile(PLANAR, TAG);
    assertThat(c).succeeded();
    List<String> unclaimed = unclaimedWarnings(c);
    assertThat(unclaimed.toString()).contains("javax.annotation.processing.Generated");
  }

  private static List<String> unclaimedWarnings(Compilation c) {
    List<String> unclaimed = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.warnings()) {
      String message = d.getMessage(null);
      if (message.contains("No processor claimed")) {
        unclaimed.add(message);
      }
    }
    return unclaimed;
  }

  /** Processes {@code @test.Tag} only, and claims it. */
  private static final class TagProcessor extends AbstractProcessor {
    final List<String> seen = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("test.Tag");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (TypeElement annotation : annotations) {
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
          seen.add(((TypeElement) element).getQualifiedName().toString());
        }
      }
      return true;
    }
  }

  /** Writes a class with another tool's {@code @Generated} in the first round. */
  private static final class WritesGenerated extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("test.Tag");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written) {
        return true;
      }
      written = true;
      try (Writer w = processingEnv.getFiler().createSourceFile("test.Other").openWriter()) {
        w.write(
            "package test; @javax.annotation.processing.Generated(\"other.Tool\") class Other {}");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return true;
    }
  }
}
