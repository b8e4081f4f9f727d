package io.procpool.fn;

import java.io.Serializable;

/** A function of two arguments that a pool can run anywhere; see {@link Fn0} for why Serializable. */
@FunctionalInterface
public interface Fn2<A, B, R> extends Serializable {
  R apply(A first, B second) throws Exception;
}
