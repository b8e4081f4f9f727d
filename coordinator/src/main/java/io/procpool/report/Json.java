package io.procpool.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.procpool.output.OutputException;
import io.procpool.output.OutputFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** The one ObjectMapper for reports, and where "--json FILE" (or "-" for stdout) goes. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
      .enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  /** Writes one document to {@code --json}'s target: stdout for "-", else a file written whole. */
  public static void write(String target, Object document) {
    if ("-".equals(target)) {
      try {
        MAPPER.writeValue(new NonClosing(System.out), document);
        System.out.write('\n');
      } catch (IOException e) {
        throw new OutputException("stdout", e.getMessage());
      }
      flushStdout();
      return;
    }
    OutputFile.of(Path.of(target)).write(out -> {
      MAPPER.writeValue(new NonClosing(out), document);
      out.write('\n');
    });
  }

  /**
   * Flushes stdout and fails when anything written to it was lost: {@link System#out} keeps its
   * write errors to itself, and results written to a closed stdout or a pipe whose reader is gone
   * must not end as a success.
   *
   * @throws OutputException naming stdout
   */
  public static void flushStdout() {
    if (System.out.checkError()) { // flushes first
      throw new OutputException("stdout", "it is closed, or the program reading it is gone");
    }
  }

  /** Jackson closes the stream it writes; stdout must stay open. */
  static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
