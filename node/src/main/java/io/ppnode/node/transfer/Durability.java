package io.ppnode.node.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes written files durable. One fsync per file costs a disk round trip each and dominated
 * pulls of many small files; Linux's syncfs(2) flushes a whole filesystem in one call. The JDK
 * has no binding for it, so it is reached through coreutils' {@code sync -f}; where that is
 * missing or fails, each file is forced on its own as before.
 */
final class Durability {
  private static final Logger log = LoggerFactory.getLogger(Durability.class);
  private static volatile boolean syncfsWorks = true;

  private Durability() {}

  /** Flushes the data and metadata of {@code files}, all of which live on the filesystem of {@code dir}. */
  static void flush(Path dir, List<Path> files) throws IOException {
    if (syncfsWorks && syncfs(dir)) {
      return;
    }
    for (Path f : files) {
      try (FileChannel fc = FileChannel.open(f, StandardOpenOption.WRITE)) {
        fc.force(true);
      }
    }
  }

  /** Flushes the filesystem holding {@code dir} (renames and directory entries included). */
  static void flushFilesystem(Path dir) {
    if (syncfsWorks) {
      syncfs(dir);
    }
  }

  private static boolean syncfs(Path dir) {
    try {
      Process p = new ProcessBuilder("sync", "-f", dir.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return true;
      }
      p.destroyForcibly();
    } catch (IOException e) {
      log.debug("sync -f unavailable: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    syncfsWorks = false;
    log.debug("syncfs unavailable; forcing files one by one");
    return false;
  }
}
