package io.procpool.fn;

import java.io.Serializable;

/** A function of one argument that a pool can run anywhere; see {@link Fn0} for why Serializable. */
@FunctionalInterface
public interface Fn1<A, R> extends Serializable {
  R apply(A argument) throws Exception;
}
