package io.ppnode.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ppnode.node.LocalNode;
import io.ppnode.node.ServingNode;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS client nobody here wrote, {@code openssl s_client}, against a serving node on loopback:
 * without a member certificate it never gets a session (the node demands a client certificate
 * and accepts only self-signed Ed25519 ones), the node never sends it a byte of the protocol,
 * and the node keeps serving: a real member joins afterwards. Skipped if openssl is missing
 * (.ci/run installs it).
 */
@Timeout(120)
class OpensslClientTest {
  /** Bytes of the node's HELLO frame: seeing them would mean the session got through. */
  private static final String PPNODE_MAGIC = "PPND";

  @TempDir Path tmp;
  ServingNode owner;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(opensslAvailable(), "openssl is not installed; .ci/run installs it");
    Path source = Files.createDirectories(tmp.resolve("source"));
    Files.writeString(source.resolve("secret.txt"), "project contents");
    owner = ServingNode.start(tmp.resolve("owner-home"), Optional.of("127.0.0.1:0"));
    owner.api().share(source, Optional.of("proj"));
  }

  @AfterEach
  void stop() {
    if (owner != null) {
      owner.close();
    }
  }

  @Test
  void noClientCertificateGetsNoSessionAndTheNodeKeepsServing() throws Exception {
    String out = sClient();
    assertRefused(out);
    assertAMemberCanStillJoin();
  }

  @Test
  void aSelfSignedRsaCertificateIsRefused() throws Exception {
    Path key = tmp.resolve("rsa.key");
    Path cert = tmp.resolve("rsa.crt");
    Result made = run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
        "-out", cert.toString(), "-subj", "/CN=intruder", "-days", "1"));
    assertEquals(0, made.exit(), made.output());
    String out = sClient("-cert", cert.toString(), "-key", key.toString());
    assertRefused(out);
    assertAMemberCanStillJoin();
  }

  private static void assertRefused(String out) {
    assertFalse(out.contains(PPNODE_MAGIC), "the node must not speak ppnode to it:\n" + out);
    assertFalse(out.contains("project contents"), out);
    // openssl reports the node's TLS alert (certificate required / bad certificate) or a
    // handshake failure; either way the session ended in TLS, not in the protocol.
    String lower = out.toLowerCase();
    assertTrue(lower.contains("alert") || lower.contains("handshake failure") || lower.contains("errno"),
        "expected a TLS refusal:\n" + out);
  }

  private void assertAMemberCanStillJoin() {
    String token = owner.api().invite("proj", Duration.ofHours(1), 1, List.of()).token();
    try (NodeApi member = LocalNode.open(tmp.resolve("member-home"))) {
      assertTrue(member.join(token, tmp.resolve("copy"), ProgressListener.NONE).inSync());
    }
    assertEquals(1, owner.api().members("proj").size());
  }

  /** Runs s_client against the node until the node ends the connection. */
  private String sClient(String... extra) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect",
        "127.0.0.1:" + owner.address().getPort(), "-tls1_3", "-servername", "ppnode", "-ign_eof"));
    cmd.addAll(List.of(extra));
    Result r = run(cmd);
    return r.output();
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    // -ign_eof keeps s_client reading until the node closes; a node that let it in would send
    // HELLO and wait, so the deadline ends that case and the assertion then reports it.
    boolean ended = p.waitFor(30, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(ended ? p.exitValue() : -1, out);
  }

  private static boolean opensslAvailable() {
    try {
      Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
