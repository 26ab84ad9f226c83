package dev.netc.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The netc annotation processor. For each {@code @Network} type it parses the declaration, checks
 * every rule, prints the findings at the attributes to blame and, only when there is no error,
 * writes {@code FooForward}, {@code FooBackward} and {@code FooModel}.
 *
 * <p>It claims netc's own annotations, which no other processor has a use for, so that javac's "No
 * processor claimed any of these annotations" warning cannot fail a {@code -Xlint:all -Werror}
 * build; see {@link #claims}. It never throws: an unexpected failure becomes one {@code
 * [netc.internal]} error on the type being processed.
 */
@AutoService(Processor.class)
public final class NetcProcessor extends AbstractProcessor {
  /** {@code -Anetc.report=true} prints a note with the figures of each network: see ReportNote. */
  static final String REPORT_OPTION = "netc.report";

  /** What every generated file carries; see {@link #claims}. */
  private static final String GENERATED = "javax.annotation.processing.Generated";

  /** Types already handled: javac may show a type again in a later round. */
  private final Set<String> done = new HashSet<>();

  /** Types to handle in a later round, when javac may have resolved what they refer to. */
  private final Set<String> deferred = new LinkedHashSet<>();

  /** Qualified names of the types declared in this compilation's sources, nested ones included. */
  private final Set<String> sourceTypes = new HashSet<>();

  /** Generated class name -> the network it was generated for, to catch two networks sharing. */
  private final Map<String, String> generated = new HashMap<>();

  /** For a type whose supertypes javac could not resolve: the type rules would only guess. */
  private final ShapeChecker shapesOnly = new ShapeChecker();

  private Reporter reporter;

  /** javac's trees, or null under another compiler: see {@link TreeSites}. */
  private TreeSites treeSites;

  /**
   * A netc-annotations class the processor's own class loader cannot load (it reads the enums
   * {@code Activation}, {@code Loss}...), or null: the set-up mistake of a processor path holding
   * netc-processor without netc-annotations.
   */
  private String missingAnnotations;

  private NetworkParser parser;
  private ShapeChecker checker;

  /** Reads and checks the .npz of @Network(weights = ...), through the Filer. */
  private WeightsChecker weightsChecker;

  /** Whether {@link #REPORT_OPTION} asks for the model report. */
  private boolean printReport;

  /** Whether the {@link Message#SETUP} error was printed. */
  private boolean setupReported;

  /** For the service loader and for tests. */
  public NetcProcessor() {}

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    treeSites = TreeSites.create(processingEnv);
    reporter = new Reporter(processingEnv.getMessager(), treeSites);
    missingAnnotations = missingAnnotations();
    parser = new NetworkParser();
    weightsChecker = new WeightsChecker(new WeightsResource(processingEnv.getFiler())::read);
    printReport = ReportNote.enabled(processingEnv.getOptions(), reporter);
    checker =
        new ShapeChecker(
            new TypeRules(
                processingEnv.getElementUtils(), processingEnv.getTypeUtils(), this::owner));
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(NetworkParser.NETWORK, NetworkParser.LAYER, NetworkParser.LAYER_LIST, GENERATED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(REPORT_OPTION);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (missingAnnotations != null) {
      reportSetup(round);
      return false;
    }
    try {
      processRound(round);
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      // Only reached when something failed outside any one type (see process(TypeElement, ...)).
      reporter.print(Message.INTERNAL, Site.none(), "netc", describe(e));
    }
    return claims(annotations, round);
  }

  /** The one {@link Message#SETUP} error, on the first network: nothing else can work. */
  private void reportSetup(RoundEnvironment round) {
    if (setupReported) {
      return;
    }
    Set<TypeElement> networks = annotated(round, NetworkParser.NETWORK);
    if (!networks.isEmpty()) {
      setupReported = true;
      reporter.print(Message.SETUP, Site.of(networks.iterator().next()), missingAnnotations);
    }
  }

  /** The first netc-annotations class this processor's class loader cannot load, or null. */
  private static String missingAnnotations() {
    // By name: a class literal of a missing class would throw here already.
    for (String name : List.of("Activation", "Init", "Loss", "Precision", "Network", "Layer")) {
      try {
        Class.forName("dev.netc.annotations." + name, false, NetcProcessor.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        return "dev.netc.annotations." + name;
      }
    }
    return null;
  }

  /**
   * Whether to claim this round's annotations. javac claims the whole set or nothing, so netc
   * claims only a set that is netc's alone: its own annotations, and {@code @Generated} when every
   * type that carries it in this round is code netc generated (the next round's view of netc's
   * output; another tool's {@code @Generated} is left to whoever wants it). Claiming removes these
   * annotations only: processors of other annotations, later in javac's order, still run.
   */
  private boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement annotation : annotations) {
      String name = annotation.getQualifiedName().toString();
      if (name.equals(GENERATED)) {
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
          if (!generatedByNetc(element)) {
            return false;
          }
        }
      } else if (!NetworkParser.isNetcAnnotation(name)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code @Generated} on the element names this processor, and only it. */
  static boolean generatedByNetc(Element element) {
    AnnotationMirror mirror = NetworkParser.mirror(element, GENERATED);
    if (mirror == null) {
      return false;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("value")
          && entry.getValue().getValue() instanceof List<?> values
          && values.size() == 1
          && values.get(0) instanceof AnnotationValue only
          && SourceFiles.GENERATOR.equals(only.getValue())) {
        return true;
      }
    }
    return false;
  }

  private void processRound(RoundEnvironment round) {
    for (Element root : round.getRootElements()) {
      collectTypes(root);
    }
    LocalNetworkFinder.report(round, treeSites, reporter);

    List<TypeElement> networks = new ArrayList<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        networks.add(type);
      }
    }
    deferred.clear();
    networks.addAll(annotated(round, NetworkParser.NETWORK));
    for (TypeElement type : networks) {
      process(type, round.processingOver());
    }
    Set<TypeElement> layered = new LinkedHashSet<>();
    layered.addAll(annotated(round, NetworkParser.LAYER));
    layered.addAll(annotated(round, NetworkParser.LAYER_LIST));
    for (TypeElement type : layered) {
      if (NetworkParser.mirror(type, NetworkParser.NETWORK) == null) {
        List<AnnotationMirror> layers = NetworkParser.layerMirrors(type);
        Site site = layers.isEmpty() ? Site.of(type) : Site.of(type, layers.get(0));
        reporter.print(Message.LAYER_WITHOUT_NETWORK, site, type.getSimpleName());
      }
    }
  }

  private Set<TypeElement> annotated(RoundEnvironment round, String annotation) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(annotation);
    if (type == null) {
      // netc-annotations is not on the class path: javac reports every use of them already.
      return Set.of();
    }
    // A LinkedHashSet in javac: source order, hence the same order of diagnostics every time.
    return ElementFilter.typesIn(round.getElementsAnnotatedWith(type));
  }

  private void process(TypeElement type, boolean lastRound) {
    String key = type.getQualifiedName().toString();
    if (done.contains(key)) {
      return;
    }
    try {
      boolean erroneous = erroneous(type);
      NetworkDeclaration declaration = parser.parse(type);
      if ((erroneous || !declaration.complete()) && !lastRound) {
        // javac reports what it could not resolve, unless a later round generates it.
        deferred.add(key);
        return;
      }
      done.add(key);
      Report report = (erroneous ? shapesOnly : checker).check(declaration);
      weightsChecker.check(declaration, report);
      reporter.report(report);
      if (report.hasErrors() || erroneous || !declaration.complete() || lastRound) {
        return;
      }
      NetworkModel network = NetworkModel.of(declaration);
      if (printReport) {
        reporter.print(Message.REPORT, Site.of(type), ReportNote.text(network));
      }
      for (ClassName name : network.generatedNames()) {
        generated.put(name.canonicalName(), key);
      }
      new SourceFiles(processingEnv.getFiler()).write(network);
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      done.add(key);
      reporter.print(Message.INTERNAL, Site.of(type), type.getSimpleName(), describe(e));
    }
  }

  /** What already has a name netc would generate, or null: see {@link TypeRules}. */
  private String owner(String generatedName) {
    String network = generated.get(generatedName);
    if (network != null) {
      return "the generated code of " + network;
    }
    // Only types in this compilation's sources: a class file of that name on the class path is
    // most likely what the last build generated.
    return sourceTypes.contains(generatedName) ? "the type " + generatedName : null;
  }

  private void collectTypes(Element element) {
    if (element instanceof TypeElement type) {
      sourceTypes.add(type.getQualifiedName().toString());
      for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
        collectTypes(nested);
      }
    }
  }

  /** True when javac could not resolve an annotation or a supertype of {@code type}. */
  private static boolean erroneous(TypeElement type) {
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().getKind() == TypeKind.ERROR) {
        return true;
      }
    }
    if (type.getSuperclass().getKind() == TypeKind.ERROR) {
      return true;
    }
    for (TypeMirror supertype : type.getInterfaces()) {
      if (supertype.getKind() == TypeKind.ERROR) {
        return true;
      }
    }
    return false;
  }

  /** The exception and where it was thrown: what a bug report needs. */
  static String describe(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    StackTraceElement where = trace.length == 0 ? null : trace[0];
    for (StackTraceElement frame : trace) {
      if (frame.getClassName().startsWith("dev.netc.")) {
        where = frame;
        break;
      }
    }
    return where == null ? e.toString() : e + " (at " + where + ")";
  }
}
