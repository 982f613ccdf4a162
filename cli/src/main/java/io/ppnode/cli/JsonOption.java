package io.ppnode.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Option;

/**
 * The {@code --json} option, mixed into the commands that print data: the node's result records
 * as JSON (their snake_case names come from the records' annotations) instead of a table.
 */
final class JsonOption {
  /** Built on first use: Jackson's start-up cost is paid only by commands that print JSON. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  @Option(names = "--json", description = "print JSON on stdout instead of a table")
  boolean enabled;

  static void print(PrintWriter out, Object value) {
    try {
      out.println(Mapper.INSTANCE.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
