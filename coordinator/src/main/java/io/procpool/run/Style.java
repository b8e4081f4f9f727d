package io.procpool.run;

/** How results are consumed, after Python's two executor patterns. */
public enum Style {
  /** {@code map()}: results in task order. */
  MAP("map"),
  /** {@code submit()} + {@code as_completed()}: results in completion order, with progress. */
  AS_COMPLETED("as-completed");

  private final String cliName;

  Style(String cliName) {
    this.cliName = cliName;
  }

  public String cliName() {
    return cliName;
  }

  public static Style parse(String name) {
    for (Style style : values()) {
      if (style.cliName.equals(name.trim())) {
        return style;
      }
    }
    throw new IllegalArgumentException("unknown style '" + name + "'; accepted: map, as-completed");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
