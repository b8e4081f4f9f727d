package io.procpool.fn;

import java.io.Serializable;

/**
 * A call without arguments that a pool can run anywhere. Serializable only so that the
 * compiler records how to name it (its {@link java.lang.invoke.SerializedLambda}); procpool
 * never uses Java serialization, see {@link FunctionRef}.
 */
@FunctionalInterface
public interface Fn0<R> extends Serializable {
  R call() throws Exception;
}
