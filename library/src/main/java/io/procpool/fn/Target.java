package io.procpool.fn;

import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The method a {@link FunctionRef} names, found by reflection in one JVM, with a {@link Slot}
 * per input (the captured values first, then the call's arguments; a receiver counts as the
 * first input) and one for the result.
 */
final class Target {
  private final FunctionRef ref;
  private final Executable executable;
  private final List<Slot> inputs;
  private final Slot result;

  private Target(FunctionRef ref, Executable executable, List<Slot> inputs, Slot result) {
    this.ref = ref;
    this.executable = executable;
    this.inputs = inputs;
    this.result = result;
  }

  /**
   * Finds the method in this JVM.
   *
   * @throws CannotTravelException when the class or method is not there
   */
  static Target resolve(FunctionRef ref, ClassLoader loader) {
    Class<?> owner;
    try {
      owner = Class.forName(ref.className(), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CannotTravelException("class " + ref.className() + " of " + ref.displayName()
          + " is not on this JVM's class path (" + e + ")", e);
    }
    Executable executable = find(owner, ref);
    executable.setAccessible(true); // a lambda's body is a private synthetic method
    List<Type> declared = new ArrayList<>();
    if (ref.kind() == FunctionRef.Kind.VIRTUAL) {
      declared.add(owner);
    }
    declared.addAll(Arrays.asList(executable.getGenericParameterTypes()));
    List<Slot> inputs = new ArrayList<>();
    int captured = ref.captured().size();
    for (int i = 0; i < declared.size(); i++) {
      String role = i < captured
          ? "captured value " + (i + 1) + " of " + ref.displayName()
          : "argument " + (i - captured + 1) + " of " + ref.displayName();
      inputs.add(new Slot(role, declared.get(i)));
    }
    Type returned = executable instanceof Method method ? method.getGenericReturnType() : owner;
    return new Target(ref, executable, List.copyOf(inputs),
        new Slot("result of " + ref.displayName(), returned));
  }

  private static Executable find(Class<?> owner, FunctionRef ref) {
    if (ref.kind() == FunctionRef.Kind.CONSTRUCTOR) {
      for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
        if (descriptor(constructor.getParameterTypes(), void.class).equals(ref.signature())) {
          return constructor;
        }
      }
    } else {
      for (Method method : owner.getDeclaredMethods()) {
        if (method.getName().equals(ref.method())
            && descriptor(method.getParameterTypes(), method.getReturnType()).equals(ref.signature())
            && Modifier.isStatic(method.getModifiers()) == (ref.kind() == FunctionRef.Kind.STATIC)) {
          return method;
        }
      }
    }
    throw new CannotTravelException("no method " + ref.method() + ref.signature() + " in "
        + ref.className() + " as this JVM loads it: is it the same build?");
  }

  private static String descriptor(Class<?>[] parameters, Class<?> returned) {
    return MethodType.methodType(returned, parameters).toMethodDescriptorString();
  }

  /** The same method with another lambda instance's captured values (the slots are the same). */
  Target withCaptured(FunctionRef captured) {
    return new Target(captured, executable, inputs, result);
  }

  FunctionRef ref() {
    return ref;
  }

  List<Slot> inputs() {
    return inputs;
  }

  Slot result() {
    return result;
  }

  /** How many arguments a call takes once the captured values are in. */
  int arity() {
    return inputs.size() - ref.captured().size();
  }

  /** Calls the method; the method's own exception is thrown as itself. */
  Object invoke(Object[] inputs) throws Exception {
    try {
      if (executable instanceof Constructor<?> constructor) {
        return constructor.newInstance(inputs);
      }
      Method method = (Method) executable;
      if (ref.kind() == FunctionRef.Kind.STATIC) {
        return method.invoke(null, inputs);
      }
      if (inputs[0] == null) {
        throw new NullPointerException("the receiver of " + ref.displayName() + " is null");
      }
      return method.invoke(inputs[0], Arrays.copyOfRange(inputs, 1, inputs.length));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception thrown) {
        throw thrown;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
