package io.procpool.fn;

import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * A function named the way Python pickles one: by its declaring class, method name and
 * signature, as the compiler recorded them for a serializable lambda or method reference,
 * plus the values the lambda captured. Nothing of the function object itself is serialized.
 *
 * @param className the class that declares the method (for a lambda, the synthetic
 *     {@code lambda$...} method's class)
 * @param method the method's name; {@code <init>} for a constructor reference
 * @param signature the method's JVM descriptor, e.g. {@code (Lcom/example/Range;)J}
 * @param kind how it is called
 * @param captured the captured values, receiver first for a bound instance method
 */
public record FunctionRef(String className, String method, String signature, Kind kind, List<Object> captured) {

  /** How the method is called: on no receiver, on the first input, or as a constructor. */
  public enum Kind { STATIC, VIRTUAL, CONSTRUCTOR }

  public FunctionRef {
    captured = Arrays.asList(captured.toArray()); // captured values may be null
  }

  /**
   * Reads the compiler's description of a lambda or method reference.
   *
   * @throws CannotTravelException when the function is not a lambda or method reference
   */
  public static FunctionRef of(Serializable function) {
    SerializedLambda lambda = serializedForm(function);
    Object[] captured = new Object[lambda.getCapturedArgCount()];
    for (int i = 0; i < captured.length; i++) {
      captured[i] = lambda.getCapturedArg(i);
    }
    return new FunctionRef(lambda.getImplClass().replace('/', '.'), lambda.getImplMethodName(),
        lambda.getImplMethodSignature(), kind(lambda.getImplMethodKind()), Arrays.asList(captured));
  }

  private static SerializedLambda serializedForm(Serializable function) {
    Class<?> type = function.getClass();
    try {
      Method writeReplace = type.getDeclaredMethod("writeReplace");
      writeReplace.setAccessible(true);
      if (writeReplace.invoke(function) instanceof SerializedLambda lambda) {
        return lambda;
      }
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException
        | RuntimeException e) {
      // not a lambda: fall through to the common message
    }
    throw new CannotTravelException("a " + type.getName()
        + " is not a lambda or method reference: a pool runs functions it can name by class and method");
  }

  private static Kind kind(int referenceKind) {
    return switch (referenceKind) {
      case MethodHandleInfo.REF_invokeStatic -> Kind.STATIC;
      case MethodHandleInfo.REF_newInvokeSpecial -> Kind.CONSTRUCTOR;
      default -> Kind.VIRTUAL; // invokeVirtual, invokeInterface, invokeSpecial (a private method)
    };
  }

  /** {@code com.example.Primes::countPrimes}, for messages. */
  public String displayName() {
    return className + "::" + method;
  }
}
