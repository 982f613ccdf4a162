package io.ppnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes with real processes on 127.0.0.1: a member killed with SIGKILL mid-file resumes from
 * the chunks it had recorded, and a pull whose owner is killed and restarted reconnects and
 * finishes. Kills are triggered by the member's temp file reaching a size, never by time.
 */
class ResumeProcessIT {
  private static final long MIB = 1 << 20;
  private static final long BIG = 256 * MIB;
  /**
   * Written bytes a kill may cost. By design, what may wait unrecorded (TransferState
   * .MAX_UNRECORDED_BYTES, 16 MiB, one in-flight window of Puller.WINDOW_BYTES) plus the chunks
   * the other disk threads write meanwhile (4 x 512 KiB here). Measured 6.7-15.4 MiB over three
   * runs; the bound allows two windows, as a slower CI disk lets more wait for a force.
   */
  private static final long LOST_PER_KILL = 32 * MIB;
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path REPO = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

  @TempDir Path tmp;
  private final List<Process> started = new ArrayList<>();
  private int outputs;
  private Process serve;

  @AfterEach
  void killWhatWeStarted() throws InterruptedException {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aMemberKilledThreeTimesMidFileResumesAndRefetchesOnlyWhatItHadNotRecorded() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path dst = tmp.resolve("dst");
    writeRandom(src.resolve("big.bin"), BIG);
    String listen = owner(src);
    String token = run(tmp.resolve("owner-home"), "invite", "demo").strip();

    Process member = start(tmp.resolve("member-home"), "join", token, dst.toString());
    long kept = killWhenTempReaches(member, dst, 64 * MIB);
    for (long mark : new long[] {128 * MIB, 192 * MIB}) {
      kept = killWhenTempReaches(start(tmp.resolve("member-home"), "pull"), dst, mark);
    }
    JsonNode result = JSON.readTree(run(tmp.resolve("member-home"), "pull", "--json"));
    long received = result.path("bytes_received").asLong();
    assertTrue(received <= BIG - kept + LOST_PER_KILL,
        "received " + received + " after a kill that left " + kept + " bytes written in the temp file");
    assertEquals(sha256(src.resolve("big.bin")), sha256(dst.resolve("big.bin")));
    assertTrue(listen.startsWith("127.0.0.1:"));
  }

  @Test
  void aPullWhoseOwnerIsKilledAndRestartedReconnectsAndFinishes() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path dst = tmp.resolve("dst");
    Files.writeString(src.resolve("first.txt"), "first\n");
    String listen = owner(src);
    String token = run(tmp.resolve("owner-home"), "invite", "demo").strip();
    run(tmp.resolve("member-home"), "join", token, dst.toString());

    writeRandom(src.resolve("big.bin"), 128 * MIB);
    run(tmp.resolve("owner-home"), "scan", "demo");
    Process pull = start(tmp.resolve("member-home"), "pull", "--json");
    int pullOutput = outputs;
    killWhenTempReaches(serve, dst, 32 * MIB); // the owner, mid-transfer
    serve(tmp.resolve("owner-home"), listen);
    assertTrue(pull.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the pull finished");
    assertEquals(0, pull.exitValue(), read(tmp.resolve("out-" + pullOutput + ".err")));
    JsonNode result = JSON.readTree(read(tmp.resolve("out-" + pullOutput + ".out")));
    assertTrue(result.path("in_sync").asBoolean(), result.toString());
    assertEquals(sha256(src.resolve("big.bin")), sha256(dst.resolve("big.bin")));
  }

  /** init, share {@code src} as demo, serve; returns the listen address. */
  private String owner(Path src) throws Exception {
    Path home = tmp.resolve("owner-home");
    String listen = "127.0.0.1:" + freeLoopbackPort();
    run(home, "init", "--listen", listen);
    run(home, "share", src.toString(), "--name", "demo");
    serve(home, listen);
    return listen;
  }

  private void serve(Path home, String listen) throws Exception {
    serve = start(home, "serve", "--listen", listen);
    Path err = tmp.resolve("out-" + outputs + ".err");
    until("serve listening", DEADLINE, () -> read(err).contains("listening on") || !serve.isAlive());
    assertTrue(serve.isAlive(), read(err));
  }

  /** SIGKILLs {@code p} once the member's temp file holds {@code mark} bytes; returns its size after the kill. */
  private static long killWhenTempReaches(Process p, Path dst, long mark) throws Exception {
    until("the temp file to reach " + mark, DEADLINE, () -> tempBytes(dst) >= mark || !p.isAlive());
    assertTrue(p.isAlive(), "still pulling when the temp file reached " + mark);
    p.destroyForcibly(); // SIGKILL: the launcher execs java, so this is the JVM itself
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return writtenBytes(dst);
  }

  /**
   * Bytes of the temp file that hold data: chunks are written out of order, so its size also
   * counts holes where chunks were still in flight. The source is random, so a 4 KiB block of
   * zeros is a hole (a block half written counts as written: the bound is then only stricter).
   */
  private static long writtenBytes(Path dst) throws IOException {
    Path largest = largestTemp(dst).orElse(null);
    if (largest == null) {
      return 0;
    }
    long written = 0;
    byte[] block = new byte[4096];
    try (java.io.InputStream in = Files.newInputStream(largest)) {
      for (int n; (n = in.readNBytes(block, 0, block.length)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (block[i] != 0) {
            written += n;
            break;
          }
        }
      }
    }
    return written;
  }

  /** Polls a process-level condition (file sizes, log lines) until it holds or the deadline passes. */
  private static void until(String what, Duration timeout, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(10); // a poll interval; the condition above is what we wait on
    }
  }

  private static long tempBytes(Path dst) {
    return largestTemp(dst).map(f -> f.toFile().length()).orElse(0L);
  }

  /** The member's largest temp file, the one being assembled; none while there is none. */
  private static java.util.Optional<Path> largestTemp(Path dst) {
    Path tmpDir = dst.resolve(".ppnode/tmp");
    if (!Files.isDirectory(tmpDir)) {
      return java.util.Optional.empty();
    }
    try (Stream<Path> s = Files.walk(tmpDir)) {
      return s.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(f -> f.toFile().length()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return java.util.Optional.empty(); // a temp file renamed while we looked
    }
  }


  private Process start(Path home, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(REPO.resolve("ppnode").toString(), "--home", home.toString()));
    command.addAll(List.of(args));
    int n = ++outputs;
    ProcessBuilder b = new ProcessBuilder(command).directory(tmp.toFile())
        .redirectOutput(tmp.resolve("out-" + n + ".out").toFile())
        .redirectError(tmp.resolve("out-" + n + ".err").toFile());
    b.environment().remove("PPNODE_HOME");
    Process p = b.start();
    started.add(p);
    return p;
  }

  /** Runs a command to its end, expecting success; returns its stdout. */
  private String run(Path home, String... args) throws Exception {
    Process p = start(home, args);
    int n = outputs;
    if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      fail("no exit within " + DEADLINE + ": " + List.of(args));
    }
    String err = read(tmp.resolve("out-" + n + ".err"));
    assertEquals(0, p.exitValue(), List.of(args) + ": " + err);
    return read(tmp.resolve("out-" + n + ".out"));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static void writeRandom(Path p, long size) throws IOException {
    Random r = new Random(size);
    byte[] buf = new byte[(int) MIB];
    try (OutputStream out = Files.newOutputStream(p)) {
      for (long left = size; left > 0; left -= buf.length) {
        r.nextBytes(buf);
        out.write(buf, 0, (int) Math.min(buf.length, left));
      }
    }
  }

  private static String sha256(Path p) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
