package dev.netc.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Places diagnostics on repeated annotations, which {@code Messager} cannot do: for
 * {@code @Layer @Layer} javac hands processors a {@code @Layer.List} container that has no tree of
 * its own, and {@code Messager.printMessage(kind, msg, element, nestedLayer, value)} then falls
 * back to the type's declaration line. Here the n-th mirror in the container is matched to the n-th
 * {@code @Layer} written on the type, and the message printed there through javac's {@link Trees}.
 *
 * <p>It also finds {@code @Network} on types declared inside a method ({@link #localNetworks}),
 * which javac never shows processors as elements.
 *
 * <p>javac only: {@link #create} returns null under another compiler (or when the {@code
 * jdk.compiler} module is absent), and {@link Reporter} then uses {@code Messager} alone.
 */
final class TreeSites {
  private final Trees trees;
  private final Types types;

  /**
   * Compilation units already searched for local networks, by identity: a unit may hold several
   * roots, and both {@link NetcProcessor} and {@link LocalNetworkFinder} search (javac calls the
   * finder only for rounds no processor before it claimed entirely), whichever comes first. Weak: a
   * unit belongs to one compilation, and other compilations in this JVM have units of their own.
   */
  private static final Set<CompilationUnitTree> SEARCHED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /**
   * A {@code @Network} written on a local type: its simple name, where it is declared ({@code "the
   * method Outer.run"}), and its tree, where the message is printed.
   */
  record LocalNetwork(String name, String where, Tree tree, CompilationUnitTree unit) {}

  private TreeSites(Trees trees, Types types) {
    this.trees = trees;
    this.types = types;
  }

  /** The locator for this compiler, or null when it is not javac. */
  static TreeSites create(ProcessingEnvironment env) {
    try {
      return new TreeSites(Trees.instance(env), env.getTypeUtils());
    } catch (IllegalArgumentException | LinkageError e) {
      return null;
    }
  }

  /**
   * Prints the message at the site when the site's annotation sits inside a container javac
   * synthesized; returns false (printing nothing) in every other case, which {@code Messager}
   * places correctly or not at all.
   */
  boolean print(Diagnostic.Kind kind, CharSequence message, Site site) {
    Element element = site.element();
    AnnotationMirror annotation = site.annotation();
    if (element == null || annotation == null || directlyPresent(element, annotation)) {
      return false;
    }
    TreePath path = trees.getPath(element);
    if (path == null || !(path.getLeaf() instanceof ClassTree type)) {
      return false;
    }
    AnnotationTree tree = treeOf(element, annotation, path, type);
    if (tree == null) {
      return false;
    }
    Tree target = site.value() == null ? tree : valueTree(annotation, site.value(), tree);
    CompilationUnitTree unit = path.getCompilationUnit();
    trees.printMessage(kind, message, target, unit);
    return true;
  }

  /** Prints the message on the local type's declaration. */
  void print(Diagnostic.Kind kind, CharSequence message, LocalNetwork local) {
    trees.printMessage(kind, message, local.tree(), local.unit());
  }

  /**
   * The local types of the root's compilation unit (once per unit) that carry {@code @Network}.
   * javac enters local types only when it attributes method bodies, after annotation processing:
   * they are no element of any round ({@code getElementsAnnotatedWith} misses them) and have no
   * type yet, so the annotation is recognised by its name as written: {@code
   * dev.netc.annotations.Network}, or {@code Network} where the unit imports it (singly or by
   * {@code dev.netc.annotations.*}).
   */
  List<LocalNetwork> localNetworks(Element root) {
    TreePath path = trees.getPath(root);
    if (path == null || !SEARCHED.add(path.getCompilationUnit())) {
      return List.of();
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    boolean imported = importsNetwork(unit);
    List<LocalNetwork> found = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        boolean local =
            !(parent instanceof ClassTree)
                && !(parent instanceof CompilationUnitTree)
                && tree.getSimpleName().length() > 0;
        if (local && hasNetwork(tree, imported)) {
          found.add(
              new LocalNetwork(
                  tree.getSimpleName().toString(), where(getCurrentPath()), tree, unit));
        }
        return super.visitClass(tree, unused);
      }
    }.scan(unit, null);
    return found;
  }

  private static boolean importsNetwork(CompilationUnitTree unit) {
    if (unit.getPackageName() != null
        && unit.getPackageName().toString().equals("dev.netc.annotations")) {
      return true;
    }
    for (ImportTree tree : unit.getImports()) {
      String imported = tree.getQualifiedIdentifier().toString();
      boolean network =
          imported.equals(NetworkParser.NETWORK) || imported.equals("dev.netc.annotations.*");
      if (!tree.isStatic() && network) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNetwork(ClassTree tree, boolean imported) {
    for (AnnotationTree annotation : tree.getModifiers().getAnnotations()) {
      Tree type = annotation.getAnnotationType();
      if (type instanceof IdentifierTree name && name.getName().contentEquals("Network")) {
        if (imported) {
          return true;
        }
      } else if (type instanceof MemberSelectTree select
          && select.toString().equals(NetworkParser.NETWORK)) {
        return true;
      }
    }
    return false;
  }

  /** "the method Outer.run", "a constructor of Outer", "an initializer of Outer". */
  private static String where(TreePath path) {
    MethodTree method = null;
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (method == null && leaf instanceof MethodTree m) {
        method = m;
      } else if (leaf instanceof ClassTree owner && owner.getSimpleName().length() > 0) {
        String type = owner.getSimpleName().toString();
        if (method == null) {
          return "an initializer of " + type;
        }
        return method.getName().contentEquals("<init>")
            ? "a constructor of " + type
            : "the method " + type + "." + method.getName();
      }
    }
    return "a method";
  }

  private static boolean directlyPresent(Element element, AnnotationMirror annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (mirror == annotation) {
        return true;
      }
    }
    return false;
  }

  /**
   * The tree of a mirror nested in a synthesized container: its index in the container is its index
   * among the annotations of its type written on the element. A container written out in the source
   * has a tree, and Messager places what is inside it.
   */
  private AnnotationTree treeOf(
      Element element, AnnotationMirror nested, TreePath path, ClassTree type) {
    for (AnnotationMirror container : element.getAnnotationMirrors()) {
      List<AnnotationMirror> members = members(container);
      int index = indexOf(members, nested);
      if (index < 0) {
        continue;
      }
      List<AnnotationTree> written = new ArrayList<>();
      for (AnnotationTree tree : type.getModifiers().getAnnotations()) {
        TypeMirror treeType = trees.getTypeMirror(new TreePath(path, tree.getAnnotationType()));
        if (treeType == null) {
          continue;
        }
        if (types.isSameType(treeType, container.getAnnotationType())) {
          // The container is written out: Messager finds the nested annotation itself.
          return null;
        }
        if (types.isSameType(treeType, nested.getAnnotationType())) {
          written.add(tree);
        }
      }
      return written.size() == members.size() ? written.get(index) : null;
    }
    return null;
  }

  private static List<AnnotationMirror> members(AnnotationMirror container) {
    List<AnnotationMirror> members = new ArrayList<>();
    for (AnnotationValue value : container.getElementValues().values()) {
      if (value.getValue() instanceof List<?> items) {
        for (Object item : items) {
          if (item instanceof AnnotationValue v && v.getValue() instanceof AnnotationMirror m) {
            members.add(m);
          }
        }
      }
    }
    return members;
  }

  private static int indexOf(List<AnnotationMirror> mirrors, AnnotationMirror mirror) {
    for (int i = 0; i < mirrors.size(); i++) {
      if (mirrors.get(i) == mirror) {
        return i;
      }
    }
    return -1;
  }

  /** The expression of {@code name = expression} for that value, else the whole annotation. */
  private static Tree valueTree(
      AnnotationMirror annotation, AnnotationValue value, AnnotationTree tree) {
    String name = null;
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        annotation.getElementValues().entrySet()) {
      if (entry.getValue() == value) {
        name = entry.getKey().getSimpleName().toString();
      }
    }
    for (ExpressionTree argument : tree.getArguments()) {
      if (argument instanceof AssignmentTree assignment
          && assignment.getVariable() instanceof IdentifierTree variable
          && variable.getName().contentEquals(String.valueOf(name))) {
        return assignment.getExpression();
      }
    }
    return tree;
  }
}
