package io.ppnode.node.manifest;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link ManifestLockTest}: tries to open the manifest in {@code args[0]}
 * and prints what happened on one line, because the file lock only shows between processes.
 */
public final class LockProbe {
  private LockProbe() {}

  public static void main(String[] args) {
    try (Manifest m = Manifest.open(Path.of(args[0]))) {
      System.out.println("OPENED");
    } catch (ManifestException e) {
      System.out.println((e.locked() ? "LOCKED " : "FAILED ") + e.getMessage());
    }
  }
}
