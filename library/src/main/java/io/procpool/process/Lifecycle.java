package io.procpool.process;

/**
 * Where one worker is in its life, with the transitions the pool may make and no others:
 *
 * <pre>
 * LAUNCHING -> STARTING -> [INITIALIZING ->] READY -> RETIRING -> DEAD
 * </pre>
 *
 * and from any state but DEAD to RETIRING (the pool no longer sends it work) or DEAD (its
 * end arrived). Why the pool itself ended the worker, if it did, is its {@link Ending}: the
 * first reason given wins. Guarded by the pool's lock.
 */
final class Lifecycle {
  enum State { LAUNCHING, STARTING, INITIALIZING, READY, RETIRING, DEAD }

  /** Why the pool ended the worker, if it did; decides the failure kind of its tasks. */
  enum Ending { NONE, CLOSED, TIMEOUT, PROTOCOL_ERROR, KILLED }

  private State state = State.LAUNCHING;
  private Ending ending = Ending.NONE;
  private boolean everReady;

  State state() {
    return state;
  }

  Ending ending() {
    return ending;
  }

  boolean is(State expected) {
    return state == expected;
  }

  /** Whether it said hello and ran its initializer, at any time: a started worker. */
  boolean everReady() {
    return everReady;
  }

  /** Whether it may be given work now. */
  boolean acceptsWork() {
    return state == State.READY && ending == Ending.NONE;
  }

  /** The process runs; its hello is awaited. */
  void launched() {
    move(State.LAUNCHING, State.STARTING);
  }

  /** Its hello arrived; with an initializer to run it is not ready yet. */
  void helloArrived(boolean initializer) {
    move(State.STARTING, initializer ? State.INITIALIZING : State.READY);
    everReady = !initializer;
  }

  /** Its initializer succeeded. */
  void initialized() {
    if (state == State.INITIALIZING) {
      state = State.READY;
      everReady = true;
    } else if (state != State.RETIRING) {
      throw new IllegalStateException("initialized in state " + state);
    }
  }

  /** It gets no more work; what it holds it may finish. */
  void retire() {
    requireAlive("retire");
    state = State.RETIRING;
  }

  /** The pool ends it for this reason (the first one given is kept), and it gets no more work. */
  void end(Ending why) {
    requireAlive("end");
    if (ending == Ending.NONE) {
      ending = why;
    }
    state = State.RETIRING;
  }

  /** The pool kills it and everything it holds: overrides any earlier reason. */
  void killedByPool() {
    if (state != State.DEAD) {
      ending = Ending.KILLED;
      state = State.RETIRING;
    }
  }

  /** Its channel ended: it is gone. */
  void dead() {
    state = State.DEAD;
  }

  private void move(State from, State to) {
    if (state != from) {
      throw new IllegalStateException("cannot go from " + state + " to " + to + ", only from " + from);
    }
    state = to;
  }

  private void requireAlive(String what) {
    if (state == State.DEAD) {
      throw new IllegalStateException("cannot " + what + " a dead worker");
    }
  }
}
