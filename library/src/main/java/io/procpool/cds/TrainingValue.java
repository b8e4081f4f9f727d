package io.procpool.cds;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A record that the archive's training run sends through a typed call, so that the classes a
 * worker's first typed call loads (jackson-databind, its record, list, date and Optional
 * handling, procpool's invoke tasks) are in the archive too. {@link Plain} is one that travels
 * without jackson-databind, for the classes of that path.
 */
record TrainingValue(long id, double weight, String label, boolean flag, List<Long> parts, Optional<LocalDate> day) {

  /** A record of plain components only. */
  record Plain(long id, int count, double weight, String label, Boolean flag, List<Long> parts) {
    static Plain next(Plain value) {
      return new Plain(value.id() + 1, value.count(), value.weight() / 2, value.label(), value.flag(), value.parts());
    }
  }

  static TrainingValue next(TrainingValue value) {
    return new TrainingValue(value.id() + 1, value.weight() / 2, value.label(), !value.flag(), value.parts(), value.day());
  }

  static <T> T same(T value) {
    return value;
  }
}
