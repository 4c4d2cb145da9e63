package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The exported package speaks only JDK types and Waterline's own public types. */
class PublicApiTest {
  static List<Class<?>> publicTypes()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir =
        Path.of(Digest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("dev/waterline/vex/oci");
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.collect(Collectors.toList())) {
        String name = f.getFileName().toString();
        if (name.endsWith(".class") && !name.equals("package-info.class")) {
          Class<?> c = Class.forName("dev.waterline.vex.oci." + name.replace(".class", ""));
          if (Modifier.isPublic(c.getModifiers())) {
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  static boolean allowed(Type t) {
    if (t instanceof Class) {
      Class<?> c = (Class<?>) t;
      while (c.isArray()) {
        c = c.getComponentType();
      }
      if (c.isPrimitive()) {
        return true;
      }
      String n = c.getName();
      return n.startsWith("java.")
          || ((n.startsWith("dev.waterline.vex.") && !n.contains(".internal."))
              && Modifier.isPublic(c.getModifiers()))
          || n.equals("dev.waterline.vex.VexException");
    }
    if (t instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) t;
      if (!allowed(p.getRawType())) {
        return false;
      }
      for (Type a : p.getActualTypeArguments()) {
        if (!allowed(a)) {
          return false;
        }
      }
      return true;
    }
    if (t instanceof GenericArrayType) {
      return allowed(((GenericArrayType) t).getGenericComponentType());
    }
    if (t instanceof WildcardType) {
      for (Type b : ((WildcardType) t).getUpperBounds()) {
        if (!allowed(b)) {
          return false;
        }
      }
      return true;
    }
    return t instanceof TypeVariable;
  }

  static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  interface Leaky {
    List<dev.waterline.vex.oci.internal.json.Descriptor> descriptors();

    com.fasterxml.jackson.databind.JsonNode tree();

    List<Digest> digests();
  }

  @Test
  void theCheckCatchesInternalAndThirdPartyTypes() throws Exception {
    assertThat(allowed(Leaky.class.getMethod("descriptors").getGenericReturnType())).isFalse();
    assertThat(allowed(Leaky.class.getMethod("tree").getGenericReturnType())).isFalse();
    assertThat(allowed(Leaky.class.getMethod("digests").getGenericReturnType())).isTrue();
    assertThat(allowed(dev.waterline.vex.oci.internal.store.OciStore.class)).isFalse();
  }

  @Test
  void publicSignaturesUseOnlyJdkAndWaterlineTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    List<Class<?>> types = publicTypes();
    assertThat(types)
        .extracting(Class::getSimpleName)
        .contains(
            "Digest", "ImageReference", "OciLayout", "Attachments", "Attestation", "FetchResult");
    for (Class<?> c : types) {
      List<Class<?>> all = new ArrayList<>(List.of(c));
      for (Class<?> nested : c.getDeclaredClasses()) {
        if (visible(nested.getModifiers())) {
          all.add(nested);
        }
      }
      for (Class<?> k : all) {
        if (!allowed(k.getGenericSuperclass() == null ? Object.class : k.getGenericSuperclass())) {
          leaks.add(k.getName() + " extends " + k.getGenericSuperclass());
        }
        for (Field f : k.getDeclaredFields()) {
          if (visible(f.getModifiers()) && !allowed(f.getGenericType())) {
            leaks.add(k.getName() + "." + f.getName());
          }
        }
        List<Executable> executables = new ArrayList<>();
        for (Method m : k.getDeclaredMethods()) {
          executables.add(m);
        }
        for (Constructor<?> ctor : k.getDeclaredConstructors()) {
          executables.add(ctor);
        }
        for (Executable e : executables) {
          if (!visible(e.getModifiers()) || e.isSynthetic()) {
            continue;
          }
          List<Type> used = new ArrayList<>(List.of(e.getGenericParameterTypes()));
          used.addAll(List.of(e.getGenericExceptionTypes()));
          if (e instanceof Method) {
            used.add(((Method) e).getGenericReturnType());
          }
          for (Type t : used) {
            if (!allowed(t)) {
              leaks.add(k.getName() + "." + e.getName() + " uses " + t.getTypeName());
            }
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }
}
