package io.procpool.fn;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TimeFreeTypesTest {
  record Point(long id, double x, String label, Boolean visible, char tag) {}

  record Tree(String name, List<Tree> children, Map<String, int[]> marks, Optional<Point> origin) {}

  record Dated(String name, LocalDate day) {}

  record Nested(Point point, List<Dated> dated) {}

  record Loose(Object anything) {}

  static final class Pojo {
    public long id;
  }

  enum Colour { RED }

  interface Fields {
    List<Point> points();

    List<? extends Point> wildcard();

    Map<String, List<Dated>> datedByName();
  }

  @Test
  void isTimeFree_recordsOfScalarsCollectionsAndEnums_areTimeFree() throws Exception {
    assertTrue(TimeFreeTypes.isTimeFree(Point.class));
    assertTrue(TimeFreeTypes.isTimeFree(Tree.class));
    assertTrue(TimeFreeTypes.isTimeFree(Colour.class));
    assertTrue(TimeFreeTypes.isTimeFree(long[].class));
    assertTrue(TimeFreeTypes.isTimeFree(Fields.class.getMethod("points").getGenericReturnType()));
  }

  @Test
  void isTimeFree_anythingThatCouldHoldADate_isNot() throws Exception {
    assertFalse(TimeFreeTypes.isTimeFree(LocalDate.class));
    assertFalse(TimeFreeTypes.isTimeFree(Dated.class));
    assertFalse(TimeFreeTypes.isTimeFree(Nested.class));
    assertFalse(TimeFreeTypes.isTimeFree(Loose.class));
    assertFalse(TimeFreeTypes.isTimeFree(Pojo.class));
    assertFalse(TimeFreeTypes.isTimeFree(List.class));
    assertFalse(TimeFreeTypes.isTimeFree(Fields.class.getMethod("wildcard").getGenericReturnType()));
    assertFalse(TimeFreeTypes.isTimeFree(Fields.class.getMethod("datedByName").getGenericReturnType()));
  }
}
