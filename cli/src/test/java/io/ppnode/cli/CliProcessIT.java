package io.ppnode.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as scripts use it: the real {@code ./ppnode} launcher, one process per
 * command, an owner and a member in two homes on 127.0.0.1. Runs in the integration-test phase,
 * after the shaded jar exists.
 */
class CliProcessIT {
  private static final Duration COMMAND_DEADLINE = Duration.ofMinutes(2);
  private static final Duration LISTEN_DEADLINE = Duration.ofSeconds(60);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);
  private static final String UNICODE_NAME = Normalizer.normalize("Ünïcødé 日本語.txt", Normalizer.Form.NFC);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Surefire and failsafe run in the module's directory; the launcher is at the repo root. */
  private static final Path REPO = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

  @TempDir Path tmp;
  private Process serve;
  private int outputs;

  /** What one command printed and returned. */
  record Result(List<String> command, int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().filter(line -> !line.isBlank()).toList();
    }

    Result assertOk() {
      assertEquals(0, exit, () -> "expected success: " + this);
      return this;
    }
  }

  @AfterEach
  void stopServeIfStillRunning() throws InterruptedException {
    if (serve != null && serve.isAlive()) {
      serve.destroy();
      if (!serve.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }
  }

  @Test
  void ownerSharesMemberJoinsAndPullsChanges() throws Exception {
    Path ownerHome = tmp.resolve("owner-home");
    Path memberHome = tmp.resolve("member-home");
    Path src = tmp.resolve("src");
    Path dst = tmp.resolve("dst");
    generateTree(src);
    String listen = "127.0.0.1:" + freeLoopbackPort();

    String nodeId = ppnode(ownerHome, "init", "--listen", listen).assertOk().out().strip();
    assertFalse(nodeId.isEmpty(), "init prints the node id");
    String projectId = ppnode(ownerHome, "share", src.toString(), "--name", "demo").assertOk().out().strip();
    assertFalse(projectId.isEmpty(), "share prints the project id");

    startServe(ownerHome, listen);

    Result invite = ppnode(ownerHome, "invite", "demo").assertOk();
    String token = invite.out().strip();
    assertEquals(1, invite.out().lines().count(), "the token alone on stdout: " + invite);
    assertFalse(token.isEmpty() || token.contains(" "), token);

    ppnode(memberHome, "join", token, dst.toString()).assertOk();
    assertSameTree(src, dst);

    // Change, add and delete on the owner; the member catches up with one pull.
    Files.writeString(src.resolve("README.txt"), "hello again, now a little longer\n");
    Files.writeString(src.resolve("docs/added.txt"), "a new file\n");
    Files.delete(src.resolve("docs/guide/deep/notes.txt"));
    ppnode(ownerHome, "scan", "demo").assertOk();

    Result pull = ppnode(memberHome, "pull", "--json").assertOk();
    JsonNode pulled = JSON.readTree(pull.out());
    assertTrue(pulled.isObject(), "one project joined, so one JSON object: " + pull.out());
    assertTrue(pulled.path("in_sync").asBoolean(), pull.out());
    assertEquals(2, pulled.path("files_updated").asInt(), pull.out());
    assertEquals(1, pulled.path("files_deleted").asInt(), pull.out());
    assertSameTree(src, dst);

    JsonNode memberStatus = JSON.readTree(ppnode(memberHome, "status", "--json").assertOk().out());
    assertFalse(memberStatus.path("node_id").asText().isEmpty(), memberStatus.toString());
    JsonNode ownerStatus = JSON.readTree(ppnode(ownerHome, "status", "--json").assertOk().out());
    assertEquals(nodeId, ownerStatus.path("node_id").asText(), ownerStatus.toString());

    JsonNode listing = JSON.readTree(ppnode(memberHome, "ls", "demo", "--json").assertOk().out());
    assertTrue(listing.isArray(), listing.toString());
    assertTrue(
        listing.findValuesAsText("path").stream().anyMatch(path -> path.endsWith("big.bin")),
        listing.toString());

    Result garbage = ppnode(memberHome, "join", "this-is-not-an-invite", tmp.resolve("dst2").toString());
    assertEquals(2, garbage.exit(), garbage.toString());
    assertEquals(1, garbage.errLines().size(), "one line on stderr: " + garbage);
    assertTrue(garbage.err().startsWith("ppnode: "), garbage.toString());

    Result unknown = ppnode(memberHome, "frobnicate");
    assertEquals(2, unknown.exit(), unknown.toString());
    assertEquals(1, unknown.errLines().size(), unknown.toString());

    serve.destroy(); // SIGTERM: the node shuts down through its hook
    assertTrue(
        serve.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS),
        "serve stops within " + STOP_DEADLINE + " of SIGTERM");
  }

  // ---- processes ----

  private Result ppnode(Path home, String... args) throws IOException, InterruptedException {
    List<String> command = command(home, args);
    int n = ++outputs;
    Path out = tmp.resolve("cmd-" + n + ".out");
    Path err = tmp.resolve("cmd-" + n + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(tmp.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().remove("PPNODE_HOME");
    Process process = builder.start();
    if (!process.waitFor(COMMAND_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      // A hang seen once under load: keep both JVMs' threads, so the next one can be explained.
      String dumps = threadDump(process) + (serve != null && serve.isAlive() ? threadDump(serve) : "");
      process.destroyForcibly();
      fail("no exit within " + COMMAND_DEADLINE + ": " + command + "\n" + Files.readString(err) + dumps);
    }
    return new Result(
        command,
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** {@code jcmd PID Thread.print} of a child JVM (the launcher execs java, so the pid is the JVM's). */
  private static String threadDump(Process p) {
    try {
      Process jcmd = new ProcessBuilder("jcmd", String.valueOf(p.pid()), "Thread.print").redirectErrorStream(true).start();
      String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return "\n--- threads of pid " + p.pid() + " ---\n" + out;
    } catch (IOException | InterruptedException e) {
      return "\n(no thread dump of pid " + p.pid() + ": " + e.getMessage() + ")";
    }
  }

  /** Starts {@code serve} and returns once it says it is listening. */
  private void startServe(Path home, String listen) throws Exception {
    List<String> command = command(home, "serve", "--listen", listen);
    ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
    builder.environment().remove("PPNODE_HOME");
    serve = builder.start();
    StringBuffer output = new StringBuffer();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                // Keeps draining after "listening on" so the pipe never fills and blocks serve.
                for (String line; (line = lines.readLine()) != null; ) {
                  output.append(line).append('\n');
                  if (line.contains("listening on")) {
                    listening.complete(null);
                  }
                }
              } catch (IOException e) {
                listening.completeExceptionally(e);
              }
              listening.completeExceptionally(new IllegalStateException("serve ended before listening"));
            },
            "serve-output");
    reader.setDaemon(true);
    reader.start();
    try {
      listening.get(LISTEN_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      fail("serve did not report 'listening on' (" + e + "):\n" + output, e);
    }
  }

  private static List<String> command(Path home, String... args) {
    List<String> command = new ArrayList<>();
    command.add(REPO.resolve("ppnode").toString());
    command.add("--home");
    command.add(home.toString());
    command.addAll(List.of(args));
    return command;
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  // ---- trees ----

  /** Nested dirs, an empty file, an empty dir, a unicode name, a 3 MiB file of random bytes. */
  private static void generateTree(Path root) throws IOException {
    Files.createDirectories(root.resolve("docs/guide/deep"));
    Files.createDirectories(root.resolve("empty-dir"));
    Files.createDirectories(root.resolve("data"));
    Files.writeString(root.resolve("README.txt"), "hello\n");
    Files.writeString(root.resolve("docs/guide/intro.md"), "# Intro\n\nSome text.\n");
    Files.writeString(root.resolve("docs/guide/deep/notes.txt"), "deep notes\n");
    Files.createFile(root.resolve("empty.txt"));
    Files.writeString(root.resolve("docs").resolve(UNICODE_NAME), "unicode name\n");
    byte[] big = new byte[3 << 20];
    new Random(42).nextBytes(big);
    Files.write(root.resolve("data/big.bin"), big);
  }

  /** Same names, same kinds, same bytes; the node's own .ppnode/ folder is not project data. */
  private static void assertSameTree(Path expected, Path actual) throws IOException {
    TreeMap<String, Path> want = entries(expected);
    TreeMap<String, Path> got = entries(actual);
    assertEquals(want.keySet(), got.keySet(), "same entries in " + actual);
    for (String name : want.keySet()) {
      Path a = want.get(name);
      Path b = got.get(name);
      assertEquals(Files.isDirectory(a), Files.isDirectory(b), "same kind: " + name);
      if (Files.isRegularFile(a)) {
        assertEquals(-1L, Files.mismatch(a, b), "same bytes: " + name);
      }
    }
  }

  private static TreeMap<String, Path> entries(Path root) throws IOException {
    TreeMap<String, Path> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(path -> !path.equals(root))
          .filter(path -> !root.relativize(path).startsWith(".ppnode"))
          .forEach(path -> entries.put(relativeName(root, path), path));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return entries;
  }

  private static String relativeName(Path root, Path path) {
    String name = root.relativize(path).toString().replace('\\', '/');
    return Normalizer.normalize(name, Normalizer.Form.NFC);
  }
}
