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
        System.out.flush();
      } catch (IOException e) {
        throw new OutputException("stdout", e.getMessage());
      }
      return;
    }
    OutputFile.of(Path.of(target)).write(out -> {
      MAPPER.writeValue(new NonClosing(out), document);
      out.write('\n');
    });
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
