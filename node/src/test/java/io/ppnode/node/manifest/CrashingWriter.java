package io.ppnode.node.manifest;

import io.ppnode.protocol.FileEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link ManifestCrashTest}, which kills it with SIGKILL: writes batches
 * of file rows to the manifest in {@code args[0]} as scan and pull do (one transaction per
 * batch, chunk rows and the project sequence with them) until killed, and prints
 * {@code COMMITTED <batch>} after each commit returns.
 */
public final class CrashingWriter {
  static final String PROJECT = "crash";
  static final int FILES_PER_BATCH = 300;
  static final int CHUNKS_PER_FILE = 4;

  private CrashingWriter() {}

  public static void main(String[] args) {
    try (Manifest m = Manifest.open(Path.of(args[0]))) {
      if (m.project(PROJECT).isEmpty()) {
        m.insertProject(Fixtures.project(PROJECT, PROJECT, Path.of(args[0])));
      }
      long sequence = m.project(PROJECT).orElseThrow().sequence();
      for (long batch = sequence / FILES_PER_BATCH; ; batch++) {
        List<FileEntry> entries = new ArrayList<>();
        for (int i = 0; i < FILES_PER_BATCH; i++) {
          entries.add(Fixtures.file(batchPrefix(batch) + i, ++sequence, CHUNKS_PER_FILE));
        }
        m.putFiles(PROJECT, entries, sequence);
        System.out.println("COMMITTED " + batch);
        System.out.flush();
      }
    }
  }

  static String batchPrefix(long batch) {
    return "b" + batch + "/f";
  }
}
