package io.procpool.cds;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A record that the archive's training run sends through a typed call, so that the classes a
 * worker's first typed call loads (jackson-databind, its record, list, date and Optional
 * handling, procpool's invoke tasks) are in the archive too. {@link Scalars} is the commonest
 * shape, a record of numbers, a string and a boolean, read and written by jackson-databind as well.
 */
record TrainingValue(long id, double weight, String label, boolean flag, List<Long> parts, Optional<LocalDate> day) {

  /** A record of scalar components only. */
  record Scalars(long id, int count, double weight, String label, Boolean flag) {
    static Scalars next(Scalars value) {
      return new Scalars(value.id() + 1, value.count(), value.weight() / 2, value.label(), value.flag());
    }
  }

  static TrainingValue next(TrainingValue value) {
    return new TrainingValue(value.id() + 1, value.weight() / 2, value.label(), !value.flag(), value.parts(), value.day());
  }

  static <T> T same(T value) {
    return value;
  }
}
