package io.procpool.fn;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.procpool.protocol.RemoteError;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coordinator's side of a typed call: the task name that names the function and its
 * captured values ({@code invoke:KIND class::method(descriptor) [captured]}), the arguments of
 * each call as JSON text, and the result read back as the method's declared type. Everything
 * that cannot travel is refused here, before anything is sent.
 */
public final class Invocation {
  /** Methods already found, by class, name, signature and kind (not by captured values). */
  private static final Map<FunctionRef, Target> TARGETS = new ConcurrentHashMap<>();
  /** Invocations of lambdas without captured values, by the lambda's class (weakly held). */
  private static final Map<Class<?>, Invocation> STATELESS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private final Target target;
  private final String task;

  private Invocation(Target target, String task) {
    this.target = target;
    this.task = task;
  }

  /**
   * Names the function and encodes what it captured.
   *
   * @param arity how many arguments each call passes
   * @throws CannotTravelException naming the captured value's type or the missing class
   */
  public static Invocation of(Serializable function, int arity) {
    Class<?> type = function.getClass();
    Invocation known = STATELESS.get(type);
    if (known != null) {
      return known.checkArity(arity);
    }
    Invocation named = name(function);
    if (type.isSynthetic() && type.getDeclaredFields().length == 0) {
      STATELESS.put(type, named); // a lambda that captured nothing is the same call every time
    }
    return named.checkArity(arity);
  }

  private Invocation checkArity(int arity) {
    if (target.arity() != arity) {
      throw new CannotTravelException(displayName() + " takes " + target.arity() + " arguments, called with " + arity);
    }
    return this;
  }

  private static Invocation name(Serializable function) {
    FunctionRef ref = FunctionRef.of(function);
    // Keyed by the number of captured values too: it decides which inputs are arguments.
    FunctionRef key = new FunctionRef(ref.className(), ref.method(), ref.signature(), ref.kind(),
        Arrays.asList(new Object[ref.captured().size()]));
    ClassLoader loader = function.getClass().getClassLoader();
    Target target = TARGETS.computeIfAbsent(key, k -> Target.resolve(k, loader));
    target = target.withCaptured(ref);
    StringBuilder name = InvokeFamily.name(ref);
    if (!ref.captured().isEmpty()) {
      name.append(" [");
      for (int i = 0; i < ref.captured().size(); i++) {
        if (i > 0) {
          name.append(',');
        }
        Slot slot = target.inputs().get(i);
        int start = name.length();
        slot.encode(ref.captured().get(i), name);
        checkDecodes(slot, name.substring(start));
      }
      name.append(']');
    }
    return new Invocation(target, name.toString());
  }

  /**
   * A public static method named as on the command line, {@code com.example.Primes::countPrimes},
   * for calls whose arguments arrive as JSON text (see {@link #argumentsFromJson}).
   *
   * @throws IllegalArgumentException naming what is missing or ambiguous
   */
  public static Invocation ofMethod(String reference, ClassLoader loader) {
    int separator = reference.indexOf("::");
    if (separator <= 0 || separator + 2 >= reference.length()) {
      throw new IllegalArgumentException("'" + reference + "' is not Class::method, e.g. com.example.Primes::countPrimes");
    }
    String className = reference.substring(0, separator);
    String methodName = reference.substring(separator + 2);
    Class<?> owner;
    try {
      owner = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException("no class " + className + " on the class path (give its jar with --classpath)");
    }
    java.lang.reflect.Method found = null;
    for (java.lang.reflect.Method method : owner.getMethods()) {
      if (method.getName().equals(methodName) && java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
        if (found != null) {
          throw new IllegalArgumentException(reference + " is overloaded; name a method that is not");
        }
        found = method;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("no public static method " + methodName + " in " + className);
    }
    String descriptor = java.lang.invoke.MethodType.methodType(found.getReturnType(), found.getParameterTypes())
        .toMethodDescriptorString();
    FunctionRef ref = new FunctionRef(className, methodName, descriptor, FunctionRef.Kind.STATIC, List.of());
    Target target = Target.resolve(ref, loader);
    return new Invocation(target, InvokeFamily.name(ref).toString());
  }

  /** How many arguments each call takes. */
  public int arity() {
    return target.arity();
  }

  /**
   * One call's arguments from a line of JSON: the argument itself, or for a method of several
   * parameters an array of them. Each is checked against its parameter's type here, so a bad
   * line is refused before anything is sent, and travels as the line spells it: a number is
   * never parsed into something else on the way (a tree's double would turn
   * {@code 0.1000000000000000055511151231257827} into {@code 0.1}, {@code 1.500} into {@code 1.5}).
   *
   * @throws IllegalArgumentException saying what is wrong with the line
   */
  public String argumentsFromJson(String line) {
    List<String> arguments = new ArrayList<>(arity());
    try (JsonParser parser = JsonText.parser(line)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("empty line");
      }
      if (arity() == 1) {
        arguments.add(valueText(parser, line));
      } else if (first == JsonToken.START_ARRAY) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          arguments.add(valueText(parser, line));
        }
      }
      if (arguments.size() != arity()) {
        throw new IllegalArgumentException(displayName() + " takes " + arity() + " arguments: give a JSON array of " + arity());
      }
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("more than one JSON value on the line");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + firstLine(e.getMessage()));
    }
    List<Slot> inputs = target.inputs();
    StringBuilder json = new StringBuilder(line.length() + 2).append('[');
    for (int i = 0; i < arguments.size(); i++) {
      String text = arguments.get(i);
      Slot slot = inputs.get(inputs.size() - arity() + i);
      try {
        slot.decode(text);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(slot.role() + ": " + firstLine(e.getMessage()));
      }
      json.append(i > 0 ? "," : "").append(text);
    }
    return json.append(']').toString();
  }

  /** The exact text of the value the parser is on, which it skips past. */
  private static String valueText(JsonParser parser, String line) throws IOException {
    int start = (int) parser.currentTokenLocation().getCharOffset();
    parser.skipChildren();
    parser.finishToken(); // a string's end is only found once it is read
    // The parser may have read the space after a number at the top level.
    return line.substring(start, (int) parser.currentLocation().getCharOffset()).strip();
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  /** A captured value is sent once per function: worth proving now that the worker can rebuild it. */
  private static void checkDecodes(Slot slot, String json) {
    try {
      slot.decode(json);
    } catch (IOException | RuntimeException e) {
      throw new CannotTravelException(slot.role() + " cannot be rebuilt from its JSON " + json + ": " + e.getMessage(), e);
    }
  }

  /** The function's name for messages, e.g. {@code com.example.Primes::countPrimes}. */
  public String displayName() {
    return target.ref().displayName();
  }

  /** The class a worker must be able to load. */
  public String className() {
    return target.ref().className();
  }

  /** The task name that carries the function to the workers. */
  public String task() {
    return task;
  }

  /**
   * One call's arguments as the task's wire argument (JSON text of an array).
   *
   * @throws CannotTravelException naming an argument's type that cannot travel
   */
  public String arguments(Object... arguments) {
    return appendArguments(new StringBuilder(16 * arguments.length + 2), arguments).toString();
  }

  /**
   * Appends one call's arguments, a JSON array, as in {@link #eachTask()}'s chunk.
   *
   * @throws CannotTravelException naming an argument's type that cannot travel
   */
  public StringBuilder appendArguments(StringBuilder json, Object... arguments) {
    List<Slot> inputs = target.inputs();
    int first = inputs.size() - arguments.length;
    json.append('[');
    for (int i = 0; i < arguments.length; i++) {
      if (i > 0) {
        json.append(',');
      }
      inputs.get(first + i).encodeReadable(arguments[i], json);
    }
    return json.append(']');
  }

  /**
   * The task name that calls the function on each of a chunk of calls in one request: its
   * argument is a JSON array of {@link #appendArguments} arrays, its value read by {@link #results}.
   */
  public String eachTask() {
    return InvokeEachFamily.PREFIX + task.substring(InvokeFamily.PREFIX.length());
  }

  /** The results of an {@link #eachTask()} chunk: each call's value, or the error it failed with. */
  public interface ChunkResults {
    int size();

    /** The call's value read as the declared result type; null when it failed. */
    Object value(int index);

    /** Why the call failed, or null when it returned. */
    RemoteError error(int index);
  }

  /**
   * Reads an {@link #eachTask()} answer: the calls' values as the method's declared result type.
   *
   * @throws IllegalStateException when the answer is not such a chunk
   * @throws CannotTravelException when a value cannot be read back
   */
  public ChunkResults results(Object wireValue) {
    if (!(wireValue instanceof String json)) {
      throw new IllegalStateException("the invoke-each task answered with " + wireValue + ", not JSON text");
    }
    List<Object> values = new ArrayList<>();
    RemoteError[] errors;
    try (JsonParser parser = JsonText.parser(json)) {
      boolean failures = parser.nextToken() == JsonToken.START_OBJECT;
      if (failures && (!"values".equals(parser.nextFieldName()) || parser.nextToken() == null)) {
        throw new IllegalStateException("the invoke-each task's answer has no values: " + json);
      }
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw new IllegalStateException("the invoke-each task's answer is not an array of values: " + json);
      }
      Slot slot = target.result();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        values.add(parser.currentToken() == JsonToken.VALUE_NULL ? null : slot.decode(parser));
      }
      errors = new RemoteError[values.size()];
      if (failures) {
        readErrors(parser, json, errors);
      }
      if (parser.nextToken() != null) {
        throw new IllegalStateException("the invoke-each task's answer goes on after its values: " + json);
      }
    } catch (IOException e) {
      throw new CannotTravelException(target.result().role() + " cannot be read back: " + e.getMessage(), e);
    }
    return new ChunkResults() {
      @Override
      public int size() {
        return values.size();
      }

      @Override
      public Object value(int index) {
        return values.get(index);
      }

      @Override
      public RemoteError error(int index) {
        return errors[index];
      }
    };
  }

  /** {@code ,"errors":[[index,"exception","message","trace"],...]}}, after the values. */
  private static void readErrors(JsonParser parser, String json, RemoteError[] errors) throws IOException {
    if (!"errors".equals(parser.nextFieldName()) || parser.nextToken() != JsonToken.START_ARRAY) {
      throw new IllegalStateException("the invoke-each task's answer has no errors: " + json);
    }
    while (parser.nextToken() == JsonToken.START_ARRAY) {
      int at = parser.nextToken() == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
      String exception = parser.nextTextValue();
      String message = parser.nextTextValue();
      String trace = parser.nextTextValue();
      if (at < 0 || at >= errors.length || exception == null || message == null || trace == null
          || parser.nextToken() != JsonToken.END_ARRAY) {
        throw new IllegalStateException("the invoke-each task's answer has a bad error: " + json);
      }
      errors[at] = new RemoteError(exception, message, trace);
    }
    if (parser.currentToken() != JsonToken.END_ARRAY || parser.nextToken() != JsonToken.END_OBJECT) {
      throw new IllegalStateException("the invoke-each task's answer has a bad error list: " + json);
    }
  }

  /**
   * Checks that a result computed in this JVM could come back from a worker: it is encoded as a
   * worker would encode it, and the text dropped.
   *
   * @throws CannotTravelException naming the result's type, as a worker's task would fail
   */
  public void checkResult(Object value) {
    if (value != null) {
      target.result().encodeReadable(value, new StringBuilder());
    }
  }

  /** Reads a worker's answer as the method's declared result type. */
  public Object result(Object wireValue) {
    if (wireValue == null) {
      return null;
    }
    if (!(wireValue instanceof String json)) {
      throw new IllegalStateException("the invoke task answered with a " + wireValue.getClass().getName() + ", not JSON text");
    }
    try {
      return target.result().decode(json);
    } catch (IOException e) {
      throw new CannotTravelException(target.result().role() + " cannot be read back: " + e.getMessage(), e);
    }
  }
}
