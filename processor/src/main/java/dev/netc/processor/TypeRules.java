package dev.netc.processor;

import dev.netc.annotations.Precision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The rules of the annotated type: it must be something netc can implement. Part of {@link
 * ShapeChecker}'s report; kept apart because, unlike the shape rules, it needs javac's {@link
 * Elements} and {@link Types}. Like the shape rules it only adds findings.
 *
 * <p>The generated model implements the runtime's {@code Model}, or {@code FloatModel} for
 * {@code @Network(precision = FLOAT)}: the type may extend that one (or neither), never the other.
 * Both are looked up by name: the processor does not depend on the runtime, which a user project
 * has on its class path, not on the processor path.
 */
final class TypeRules {
  private final Elements elements;
  private final Types types;
  private final Function<String, String> owners;

  /**
   * @param owners given the qualified name of a class netc would generate, what already has that
   *     name ({@code "the type p.FooModel"}), or null when it is free
   */
  TypeRules(Elements elements, Types types, Function<String, String> owners) {
    this.elements = elements;
    this.types = types;
    this.owners = owners;
  }

  void check(NetworkDeclaration network, Report report) {
    TypeElement type = network.type();
    String name = network.name();
    Site site = Site.of(type);
    String kind = wrongKind(type);
    if (kind != null) {
      // Nothing else about an enum or a concrete class matters until it is made implementable.
      report.add(Message.TYPE_KIND, site, name, kind);
      return;
    }
    if (type.getModifiers().contains(Modifier.SEALED)) {
      // Its permits clause cannot name a class that does not exist yet.
      report.add(Message.TYPE_SEALED, site, name);
    }
    checkAccess(type, name, site, report);
    if (!type.getTypeParameters().isEmpty()) {
      String parameters =
          type.getTypeParameters().stream()
              .map(p -> p.getSimpleName().toString())
              .collect(Collectors.joining(", ", "<", ">"));
      report.add(Message.TYPE_GENERIC, site, name, parameters);
    }
    if (type.getKind() == ElementKind.CLASS) {
      checkConstructor(type, name, site, report);
    }
    Value<Precision> precision = network.precision();
    // An unknown precision is javac's error: which Model the methods must match is unknown too.
    if (precision.known()) {
      checkModel(network, PrecisionNames.of(precision.value()), report);
    }
    checkReservedMethods(network, name, report);
    checkGeneratedNames(type, name, site, report);
  }

  /**
   * The type must not extend the model interface of the other precision; then its abstract and
   * final methods must be those the generated model can implement and override.
   */
  private void checkModel(NetworkDeclaration network, PrecisionNames precision, Report report) {
    TypeElement type = network.type();
    String name = network.name();
    TypeElement model = elements.getTypeElement(precision.model().canonicalName());
    PrecisionNames other = precision.other();
    TypeElement otherModel = elements.getTypeElement(other.model().canonicalName());
    if (otherModel != null && extendsType(type, otherModel)) {
      boolean both = model != null && extendsType(type, model);
      String expected = precision.model().simpleName();
      String found = other.model().simpleName();
      String hint;
      if (both) {
        hint = "extend " + expected + " only";
      } else if (precision == PrecisionNames.FLOAT) {
        hint = "extend " + expected + " instead, or remove precision (DOUBLE is the default)";
      } else {
        hint = "set @Network(precision = Precision.FLOAT), or extend " + expected + " instead";
      }
      Value<Precision> stated = network.precision();
      report.add(
          Message.PRECISION_MODEL,
          stated.site(),
          name,
          "precision = " + stated.value().name() + (stated.explicit() ? "" : " (the default)"),
          expected,
          precision.matrix().simpleName(),
          precision.gemm(),
          name,
          both ? "both " + found + " and " + expected : found,
          hint);
      // Its methods are the other interface's: checking them against this one would only say
      // the same thing again, once per method.
      return;
    }
    if (model == null) {
      report.add(Message.RUNTIME_MISSING, network.site(), name, precision.model().canonicalName());
      return;
    }
    checkAbstractMethods(type, model, name, report);
    checkFinalMethods(type, model, name, report);
    checkRedeclaredMethods(type, model, name, report);
  }

  /** Whether {@code type} is {@code supertype} or extends or implements it, at any depth. */
  private boolean extendsType(TypeElement type, TypeElement supertype) {
    return types.isSubtype(types.erasure(type.asType()), types.erasure(supertype.asType()));
  }

  /** What the type is when netc cannot implement it ("an enum"), else null. */
  private static String wrongKind(TypeElement type) {
    ElementKind kind = type.getKind();
    if (kind == ElementKind.INTERFACE) {
      return null;
    }
    if (kind == ElementKind.CLASS) {
      boolean isAbstract = type.getModifiers().contains(Modifier.ABSTRACT);
      return isAbstract ? null : "a class that is not abstract";
    }
    return switch (kind) {
      case ENUM -> "an enum";
      case RECORD -> "a record";
      case ANNOTATION_TYPE -> "an annotation type";
      default -> "a " + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  private static void checkAccess(TypeElement type, String name, Site site, Report report) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.getModifiers().contains(Modifier.PRIVATE)) {
        String what = e == type ? name : "its enclosing type " + e.getSimpleName();
        report.add(Message.TYPE_PRIVATE, site, name, what);
        break;
      }
    }
    Element enclosing = type.getEnclosingElement();
    switch (type.getNestingKind()) {
      case TOP_LEVEL -> {}
      case MEMBER -> {
        // Types nested in an interface are implicitly static.
        boolean implicitlyStatic =
            type.getKind() != ElementKind.CLASS || enclosing.getKind().isInterface();
        if (!implicitlyStatic && !type.getModifiers().contains(Modifier.STATIC)) {
          report.add(Message.TYPE_INNER, site, name, enclosing.getSimpleName());
        }
      }
      case LOCAL, ANONYMOUS ->
          // javac does not show local classes to processors (NetcProcessor finds them in the
          // trees); another compiler might.
          report.add(
              Message.TYPE_LOCAL,
              site,
              name,
              "the method "
                  + enclosing.getEnclosingElement().getSimpleName()
                  + "."
                  + enclosing.getSimpleName());
    }
  }

  private void checkConstructor(TypeElement type, String name, Site site, Report report) {
    boolean privateNoArg = false;
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (constructor.getParameters().isEmpty()) {
        if (!constructor.getModifiers().contains(Modifier.PRIVATE)) {
          String thrown =
              constructor.getThrownTypes().stream()
                  .filter(this::isChecked)
                  .map(TypeMirror::toString)
                  .collect(Collectors.joining(", "));
          if (!thrown.isEmpty()) {
            report.add(Message.CONSTRUCTOR_THROWS, Site.of(constructor), name, thrown);
          }
          return;
        }
        privateNoArg = true;
      }
    }
    String found =
        privateNoArg
            ? "its constructor " + name + "() is private"
            : name + " has only constructors with parameters";
    report.add(Message.CONSTRUCTOR, site, name, found);
  }

  /**
   * Every abstract method the generated model would have to implement but cannot: all but those of
   * {@code Model}, compared by name and erased parameter types as seen from the type (so that a
   * method inherited from a generic supertype compares with its type arguments filled in).
   */
  private void checkAbstractMethods(
      TypeElement type, TypeElement model, String name, Report report) {
    // Model's own methods only: javac also lists Object's as members of an interface.
    Set<String> implementable = new HashSet<>(signatures(model, model));
    implementable.removeAll(objectSignatures());
    if (type.getKind().isInterface()) {
      // An interface redeclaring toString() etc. is implemented by Object; a class is not.
      TypeElement object = elements.getTypeElement("java.lang.Object");
      for (ExecutableElement method : ElementFilter.methodsIn(object.getEnclosedElements())) {
        if (method.getModifiers().contains(Modifier.PUBLIC)) {
          implementable.add(signature(object, method));
        }
      }
    }
    List<ExecutableElement> methods = ElementFilter.methodsIn(elements.getAllMembers(type));
    for (ExecutableElement method : methods) {
      if (!method.getModifiers().contains(Modifier.ABSTRACT)
          || implemented(method, methods, type)
          || implementable.contains(signature(type, method))) {
        continue;
      }
      report.add(
          Message.ABSTRACT_METHOD,
          siteOf(method, type),
          name,
          model.getQualifiedName().toString(),
          described(method));
    }
  }

  /** Object's public instance methods as signatures. */
  private Set<String> objectSignatures() {
    TypeElement object = elements.getTypeElement("java.lang.Object");
    Set<String> signatures = new HashSet<>();
    for (ExecutableElement method : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (method.getModifiers().contains(Modifier.PUBLIC)
          && !method.getModifiers().contains(Modifier.STATIC)) {
        signatures.add(signature(object, method));
      }
    }
    return signatures;
  }

  /** A final method the generated model would have to override to implement Model. */
  private void checkFinalMethods(TypeElement type, TypeElement model, String name, Report report) {
    if (type.getKind().isInterface()) {
      return;
    }
    Set<String> overridden = new HashSet<>(signatures(model, model));
    overridden.removeAll(objectSignatures());
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      Set<Modifier> modifiers = method.getModifiers();
      if (modifiers.contains(Modifier.FINAL)
          && !modifiers.contains(Modifier.STATIC)
          && overridden.contains(signature(type, method))) {
        report.add(
            Message.FINAL_METHOD,
            siteOf(method, type),
            name,
            model.getQualifiedName().toString(),
            described(method));
      }
    }
  }

  /**
   * Methods of the model interface that the type (or a supertype other than the model interface)
   * declares again. The generated model implements each with the interface's return type and throws
   * clause, so a redeclaration must accept both: a narrower return type or throws clause would not
   * compile (javac's error in the generated file), and a body would be silently replaced by the
   * generated method. Final ones are {@link #checkFinalMethods}'s; a redeclaration that is not
   * override-equivalent (a generic method of the same erasure) is javac's own error.
   */
  private void checkRedeclaredMethods(
      TypeElement type, TypeElement model, String name, Report report) {
    Map<String, ExecutableElement> implemented = new HashMap<>();
    Set<String> ofObject = objectSignatures();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(model))) {
      String signature = signature(model, method);
      if (!method.getModifiers().contains(Modifier.STATIC) && !ofObject.contains(signature)) {
        implemented.put(signature, method);
      }
    }
    TypeElement object = elements.getTypeElement("java.lang.Object");
    String prefix = NetworkDeclaration.generatedPrefix(type) + "Model.";
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      Set<Modifier> modifiers = method.getModifiers();
      Element owner = method.getEnclosingElement();
      ExecutableElement generated = implemented.get(signature(type, method));
      if (generated == null
          || owner.equals(model)
          || owner.equals(object)
          || modifiers.contains(Modifier.STATIC)
          || modifiers.contains(Modifier.FINAL)) {
        continue;
      }
      Site at = siteOf(method, type);
      String member = prefix + method.getSimpleName() + parameters(generated);
      if (!modifiers.contains(Modifier.ABSTRACT)) {
        report.add(Message.METHOD_BODY, at, name, model.getSimpleName(), member, described(method));
        continue;
      }
      ExecutableType declared = memberType(type, method);
      TypeMirror returns = generated.getReturnType();
      if (!types.isSubtype(returns, declared.getReturnType())) {
        report.add(
            Message.METHOD_RETURN,
            at,
            name,
            member,
            returns,
            described(generated),
            described(method),
            declared.getReturnType());
        continue;
      }
      for (TypeMirror thrown : generated.getThrownTypes()) {
        if (isChecked(thrown)
            && !declared.getThrownTypes().stream().anyMatch(t -> types.isSubtype(thrown, t))) {
          report.add(
              Message.METHOD_THROWS,
              at,
              name,
              member,
              thrown,
              described(generated),
              described(method));
          break;
        }
      }
    }
  }

  /** The method's type as a member of {@code type}: type arguments of supertypes filled in. */
  private ExecutableType memberType(TypeElement type, ExecutableElement method) {
    try {
      return (ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method);
    } catch (IllegalArgumentException | ClassCastException e) {
      return (ExecutableType) method.asType();
    }
  }

  /**
   * A method the generated model's own static methods or private helpers would hide, fail to
   * override or clash with: same name and erased parameter types, visible in the model.
   */
  private void checkReservedMethods(NetworkDeclaration network, String name, Report report) {
    TypeElement type = network.type();
    List<String> reserved = new ArrayList<>();
    reserved.add("create(long)");
    reserved.add("load(java.nio.file.Path)");
    if (network.weights().known() && !network.weights().value().isEmpty()) {
      reserved.add("pretrained()");
    }
    Value<Precision> precision = network.precision();
    if (precision.known()) {
      // The model's private helper: a visible method of the same signature would clash with it.
      reserved.add(
          "costOfLastForward("
              + PrecisionNames.of(precision.value()).matrix().canonicalName()
              + ")");
    }
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      Set<Modifier> modifiers = method.getModifiers();
      Element owner = method.getEnclosingElement();
      boolean inherited =
          !modifiers.contains(Modifier.PRIVATE)
              // Static methods of interfaces are not inherited.
              && !(modifiers.contains(Modifier.STATIC) && owner.getKind().isInterface())
              && !owner.equals(elements.getTypeElement("java.lang.Object"));
      String signature = signature(type, method);
      if (inherited && reserved.contains(signature)) {
        report.add(
            Message.HIDDEN_METHOD,
            siteOf(method, type),
            name,
            described(method),
            NetworkDeclaration.generatedPrefix(type) + "Model." + method.getSimpleName());
      }
    }
  }

  /** A method declared elsewhere has no line in this file: blame the type. */
  private static Site siteOf(ExecutableElement method, TypeElement type) {
    return method.getEnclosingElement().equals(type) ? Site.of(method) : Site.of(type);
  }

  private static String described(ExecutableElement method) {
    return method.getEnclosingElement().getSimpleName()
        + "."
        + method.getSimpleName()
        + parameters(method);
  }

  private boolean isChecked(TypeMirror thrown) {
    TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    return !types.isSubtype(thrown, runtime) && !types.isSubtype(thrown, error);
  }

  private boolean implemented(
      ExecutableElement method, List<ExecutableElement> methods, TypeElement type) {
    for (ExecutableElement other : methods) {
      if (other != method
          && !other.getModifiers().contains(Modifier.ABSTRACT)
          && other.getSimpleName().equals(method.getSimpleName())
          && elements.overrides(other, method, type)) {
        return true;
      }
    }
    return false;
  }

  private List<String> signatures(TypeElement type, TypeElement owner) {
    List<String> signatures = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      if (!method.getModifiers().contains(Modifier.STATIC)) {
        signatures.add(signature(owner, method));
      }
    }
    return signatures;
  }

  /** {@code name(erased parameter types)} as a member of {@code type}. */
  private String signature(TypeElement type, ExecutableElement method) {
    List<? extends TypeMirror> parameters;
    try {
      ExecutableType member =
          (ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method);
      parameters = member.getParameterTypes();
    } catch (IllegalArgumentException | ClassCastException e) {
      // Not a member as javac sees it (e.g. an erroneous supertype): compare as declared.
      parameters = method.getParameters().stream().map(Element::asType).toList();
    }
    return method.getSimpleName()
        + parameters.stream()
            .map(t -> types.erasure(t).toString())
            .collect(Collectors.joining(",", "(", ")"));
  }

  private static String parameters(ExecutableElement method) {
    return method.getParameters().stream()
        .map(p -> p.asType().toString())
        .collect(Collectors.joining(", ", "(", ")"));
  }

  /** At most one finding: two networks sharing a prefix clash on all three names at once. */
  private void checkGeneratedNames(TypeElement type, String name, Site site, Report report) {
    String packageName = NetworkDeclaration.packageOf(type).getQualifiedName().toString();
    String prefix = NetworkDeclaration.generatedPrefix(type);
    for (String suffix : NetworkDeclaration.GENERATED_SUFFIXES) {
      String generated =
          packageName.isEmpty() ? prefix + suffix : packageName + "." + prefix + suffix;
      String owner = owners.apply(generated);
      if (owner != null) {
        report.add(Message.NAME_CLASH, site, name, generated, owner);
        return;
      }
      // A member type of that simple name would shadow the generated class inside the model.
      for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(type))) {
        if (member.getSimpleName().contentEquals(prefix + suffix)) {
          Site at = member.getEnclosingElement().equals(type) ? Site.of(member) : site;
          report.add(
              Message.NAME_CLASH,
              at,
              name,
              generated,
              "the member type " + member.getQualifiedName());
          return;
        }
      }
    }
  }
}
