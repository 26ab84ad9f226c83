package dev.netc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The promise that lets one jar serve Scala 2.12 and 2.13 clusters: no public constructor or
 * method that this module declares names a {@code scala.} type, so nothing it compiles against
 * differs between the two Scala lines.
 */
class NoScalaInTheApiTest {

  @Test
  void noPublicSignatureNamesAScalaType() {
    List<String> found = new ArrayList<>();
    for (Class<?> type : List.of(NetcClassifier.class, NetcClassificationModel.class,
        NetworkFactory.class)) {
      List<Executable> members = new ArrayList<>(List.of(type.getDeclaredMethods()));
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        members.add(c);
      }
      for (Executable e : members) {
        if (!Modifier.isPublic(e.getModifiers()) || e.isSynthetic()
            || e instanceof Method m && m.isBridge()) {
          continue;
        }
        List<Type> types = new ArrayList<>(List.of(e.getGenericParameterTypes()));
        if (e instanceof Method m) {
          types.add(m.getGenericReturnType());
        }
        for (Type t : types) {
          if (t.getTypeName().contains("scala.")) {
            found.add(type.getSimpleName() + "." + e.getName() + ": " + t.getTypeName());
          }
        }
      }
    }
    assertEquals(List.of(), found);
  }
}
