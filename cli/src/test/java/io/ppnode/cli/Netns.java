package io.ppnode.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Linux network namespaces that a test makes and removes, so that nodes talk over veth links and
 * bridges that exist only for the test and no packet, multicast included, reaches a real
 * interface. Names carry the test JVM's pid, so parallel runs and leftovers of a killed run never
 * collide; {@link #close()} deletes every namespace this instance made.
 */
final class Netns implements AutoCloseable {
  private final String prefix = "pp" + ProcessHandle.current().pid() + "-";
  private final List<String> made = new ArrayList<>();

  /**
   * Why namespaces cannot be made here, or null if they can: they need root (CAP_SYS_ADMIN) and
   * iproute2. Tries for real, with a throwaway namespace.
   */
  static String unavailableReason() {
    try (Netns probe = new Netns()) {
      probe.add("probe");
      return null;
    } catch (IOException | RuntimeException e) {
      return "cannot make network namespaces here (needs root and iproute2): " + e.getMessage();
    }
  }

  /** Makes namespace {@code name} (prefixed) with its loopback up; returns the real name. */
  String add(String name) throws IOException {
    String ns = prefix + name;
    ip("netns", "add", ns);
    made.add(ns);
    ip("-n", ns, "link", "set", "lo", "up");
    return ns;
  }

  /** The wrapper that runs a command inside {@code ns}. */
  static List<String> exec(String ns) {
    return List.of("ip", "netns", "exec", ns);
  }

  /** Runs {@code ip ARGS...}; an exit other than 0 is an IOException with what ip printed. */
  static void ip(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + ": " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command, e);
    }
  }

  /** Deletes the namespaces, last made first; the veths in them go too. */
  @Override
  public void close() {
    for (int i = made.size() - 1; i >= 0; i--) {
      try {
        ip("netns", "del", made.get(i));
      } catch (IOException e) {
        System.err.println("leaving network namespace behind: " + e.getMessage());
      }
    }
    made.clear();
  }
}
