package io.ppnode.node;

import io.ppnode.node.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link LocalFaultsTest}: holds the manifest of the home {@code args[0]}
 * open, as a second node process would, prints {@code HOLDING}, and lets go when its stdin ends.
 */
public final class HomeHolder {
  private HomeHolder() {}

  public static void main(String[] args) throws IOException {
    try (Manifest m = Manifest.open(Path.of(args[0]))) {
      System.out.println("HOLDING");
      System.out.flush();
      while (System.in.read() >= 0) {
        // Held until the parent closes our stdin.
      }
    }
  }
}
