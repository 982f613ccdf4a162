package io.ppnode.node.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.Await;
import io.ppnode.node.identity.EntrySigner;
import io.ppnode.node.identity.Identity;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.protocol.FileEntry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file replaced while the scanner reads it: the scan must not publish a hash of bytes that are
 * no longer the file (it skips it with a warning), the rest of the scan is published, and the
 * next scan publishes the new file. The moment is found, not guessed: the test waits until this
 * JVM holds the file open (/proc/self/fd), then swaps it by rename, as editors save.
 */
@Timeout(120)
class ScanFaultsTest {
  private static final long BIG = 1L << 30;
  @TempDir Path tmp;

  @Test
  void aFileReplacedMidScanIsNotPublishedUntilTheNextScan() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("project"));
    Path big = root.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(BIG); // sparse: a long read that costs no disk
    }
    Files.writeString(root.resolve("small.txt"), "small");
    Scanner scanner = new Scanner(new EntrySigner(Identity.generate().keyPair().getPrivate()));
    try (Manifest m = Manifest.open(tmp.resolve("home"))) {
      m.insertProject(new ProjectRecord("p", "proj", Role.OWNER, root, "me", List.of(), 0, null));
      CompletableFuture<Scanner.Outcome> scan = CompletableFuture.supplyAsync(() -> scanner.scan(m, m.project("p").orElseThrow()));
      Await.until("the scanner is reading big.bin", Duration.ofSeconds(60), () -> isOpenHere(big) || scan.isDone());
      Path replacement = root.resolve(".big.bin.new");
      Files.writeString(replacement, "the new content");
      Files.move(replacement, big, StandardCopyOption.ATOMIC_MOVE);
      scan.join();

      assertTrue(m.file("p", "big.bin").isEmpty(), "no hash of the replaced bytes was published");
      assertEquals("small.txt", m.file("p", "small.txt").orElseThrow().path(), "the rest of the scan was");

      scanner.scan(m, m.project("p").orElseThrow());
      FileEntry now = m.file("p", "big.bin").orElseThrow();
      assertEquals(15, now.size());
      assertEquals(m.project("p").orElseThrow().sequence(), now.sequence(), "sequence and entries agree");
    }
  }

  /** Whether some descriptor of this JVM is open on {@code file}. */
  private static boolean isOpenHere(Path file) {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.anyMatch(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(file);
        } catch (IOException e) {
          return false; // closed between the listing and the look
        }
      });
    } catch (IOException e) {
      return false;
    }
  }
}
