package dev.netc.processor;

import com.google.auto.service.AutoService;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Reports {@code @Network} on a type declared inside a method ({@code [netc.type-local]}), which
 * {@link NetcProcessor} never sees: javac enters local types after annotation processing, so they
 * are no element of any round, and a file whose only netc annotation is on a local type does not
 * even start {@code NetcProcessor}. This processor therefore asks for every round ({@code "*"}) and
 * searches the source trees of each new compilation unit (see {@link TreeSites#localNetworks});
 * {@code NetcProcessor} searches the rounds it is given too, and each unit is searched once. It
 * claims nothing, so it changes no other processor's rounds, and under a compiler without javac's
 * trees it does nothing: the Eclipse compiler (3.38) shows processors no local type either, so
 * there a local {@code @Network} goes unreported.
 *
 * <p>Public only because the service loader needs it; registered next to {@code NetcProcessor}.
 */
@AutoService(Processor.class)
public final class LocalNetworkFinder extends AbstractProcessor {
  private TreeSites treeSites;
  private Reporter reporter;

  /** For the service loader and for tests. */
  public LocalNetworkFinder() {}

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    treeSites = TreeSites.create(processingEnv);
    reporter = new Reporter(processingEnv.getMessager(), treeSites);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      report(round, treeSites, reporter);
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      reporter.print(Message.INTERNAL, Site.none(), "netc", NetcProcessor.describe(e));
    }
    return false;
  }

  /**
   * Reports the local networks of this round's compilation units not searched yet. {@link
   * NetcProcessor} calls it too: javac skips this processor in a round whose annotations a
   * processor before it claimed entirely.
   */
  static void report(RoundEnvironment round, TreeSites treeSites, Reporter reporter) {
    if (treeSites == null) {
      return;
    }
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement && !NetcProcessor.generatedByNetc(root)) {
        for (TreeSites.LocalNetwork local : treeSites.localNetworks(root)) {
          reporter.print(Message.TYPE_LOCAL, local, local.name(), local.where());
        }
      }
    }
  }
}
