package io.ppnode.node;

import io.ppnode.node.chunk.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A digest of a folder's content: every file's and directory's relative path and every file's
 * bytes, in path order, leaving out ppnode's own {@code .ppnode/}. Two trees with equal digests
 * hold the same files with the same bytes. Used by the demo and the tests to prove a copy.
 */
public final class Trees {
  private Trees() {}

  public static String digest(Path root) throws IOException {
    MessageDigest md = Sha256.newDigest();
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> !p.equals(root))
          .filter(p -> !root.relativize(p).toString().equals(".ppnode") && !root.relativize(p).startsWith(".ppnode"))
          .forEach(paths::add);
    }
    paths.sort((a, b) -> root.relativize(a).toString().compareTo(root.relativize(b).toString()));
    byte[] buf = new byte[1 << 16];
    for (Path p : paths) {
      String rel = root.relativize(p).toString().replace('\\', '/');
      boolean dir = Files.isDirectory(p);
      md.update(((dir ? "D " : "F ") + rel + "\n").getBytes(StandardCharsets.UTF_8));
      if (!dir) {
        try (InputStream in = Files.newInputStream(p)) {
          for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
          }
        }
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** File count and total bytes, {@code .ppnode/} left out. */
  public static long[] count(Path root) throws IOException {
    long[] c = new long[2];
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> !root.relativize(p).startsWith(".ppnode") && Files.isRegularFile(p)).forEach(p -> {
        c[0]++;
        try {
          c[1] += Files.size(p);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
    return c;
  }
}
