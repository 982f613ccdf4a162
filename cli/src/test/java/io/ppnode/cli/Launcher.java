package io.ppnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the real {@code ./ppnode} launcher as child processes for the process-level tests, one
 * process per command, each with its output in two files under the test's temp dir. A command may
 * be wrapped (say, in {@code ip netns exec NS}); the wrappers used here exec their command, so the
 * child is the JVM itself and a signal reaches it. {@link #close()} stops whatever is still alive.
 */
final class Launcher implements AutoCloseable {
  static final Duration COMMAND_DEADLINE = Duration.ofMinutes(3);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

  /** Surefire and failsafe run in the module's directory; the launcher is at the repo root. */
  static final Path REPO = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

  private final Path dir;
  private final boolean mdns;
  private final List<Process> started = new ArrayList<>();
  private final Map<Process, Integer> outputs = new IdentityHashMap<>();

  /**
   * @param mdns whether children may use mDNS: the build turns it off for every test process
   *     ({@code PPNODE_NO_MDNS}), and only tests inside their own network namespaces turn it on
   */
  Launcher(Path dir, boolean mdns) {
    this.dir = dir;
    this.mdns = mdns;
  }

  /** Starts {@code ppnode --home HOME ARGS...}, inside {@code wrapper} if it is not empty. */
  Process start(List<String> wrapper, Path home, String... args) throws IOException {
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(List.of(REPO.resolve("ppnode").toString(), "--home", home.toString()));
    command.addAll(List.of(args));
    int n = outputs.size() + 1;
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out-" + n + ".out").toFile())
        .redirectError(dir.resolve("out-" + n + ".err").toFile());
    b.environment().remove("PPNODE_HOME");
    if (mdns) {
      b.environment().remove("PPNODE_NO_MDNS");
    }
    Process p = b.start();
    started.add(p);
    outputs.put(p, n);
    return p;
  }

  /** Runs a command to its end, expecting exit 0; returns its stdout. */
  String run(List<String> wrapper, Path home, String... args) throws Exception {
    Process p = start(wrapper, home, args);
    if (!p.waitFor(COMMAND_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      fail("no exit within " + COMMAND_DEADLINE + ": " + List.of(args));
    }
    assertEquals(0, p.exitValue(), () -> List.of(args) + ": " + err(p));
    return out(p);
  }

  /** What {@code p} has printed on stdout so far. */
  String out(Process p) {
    return read(dir.resolve("out-" + outputs.get(p) + ".out"));
  }

  /** What {@code p} has printed on stderr so far (where the node logs). */
  String err(Process p) {
    return read(dir.resolve("out-" + outputs.get(p) + ".err"));
  }

  /** Waits until {@code p} logs {@code line}; fails at the deadline or if {@code p} exits first. */
  void awaitLog(Process p, String line, Duration timeout) throws InterruptedException {
    until(line, timeout, () -> err(p).contains(line) || !p.isAlive());
    if (!err(p).contains(line)) {
      fail("exited (" + p.exitValue() + ") before logging '" + line + "': " + err(p));
    }
  }

  /** Polls a process-level condition (files, log lines) until it holds or the deadline passes. */
  static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(20); // a poll interval; the condition above is what we wait on
    }
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops every child still running: SIGTERM, then SIGKILL after a grace period. */
  @Override
  public void close() throws InterruptedException {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroy();
        if (!p.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          p.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
      }
    }
  }
}
