package io.ppnode.node;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.InviteResult;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.api.Results.ShareResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * {@code ppnode demo}: two nodes on loopback in temporary homes. The owner shares a generated
 * folder, invites and serves on 127.0.0.1; the member joins; the trees are compared; then the
 * owner changes files, rescans, the member pulls and the trees are compared again. Everything
 * is removed at the end.
 */
public final class Demo {
  private Demo() {}

  /** Runs the demo, printing the story to {@code out}; returns normally only when both copies verified. */
  public static void run(PrintStream out) {
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("ppnode-demo");
      Path source = tmp.resolve("owner-project");
      Path copy = tmp.resolve("member-copy");
      generate(source);
      out.println("owner folder   " + source);
      try (ServingNode owner = ServingNode.start(tmp.resolve("owner-home"), Optional.of("127.0.0.1:0"));
          NodeApi member = LocalNode.open(tmp.resolve("member-home"))) {
        NodeApi api = owner.api();
        out.println("owner node     " + api.status().nodeId() + " listening on " + api.status().listen());
        ShareResult shared = api.share(source, Optional.of("demo"));
        out.printf("shared         project %s (%s): %d files hashed%n", shared.name(), shared.projectId(),
            shared.scan().filesChanged());
        InviteResult invite = api.invite("demo", Duration.ofHours(1), 1, List.of());
        out.println("invite         " + invite.token());
        out.println("member node    " + member.init(Optional.of("127.0.0.1:0")).nodeId());
        PullResult joined = member.join(invite.token(), copy, ProgressListener.NONE);
        out.printf("joined         %d files, %d bytes received in %.2f s%n", joined.filesUpdated(),
            joined.bytesReceived(), joined.seconds());
        verify(out, source, copy);

        Files.writeString(source.resolve("notes/added-later.txt"), "written after the join\n");
        Files.delete(source.resolve("docs/old.txt"));
        Files.writeString(source.resolve("README.txt"), "ppnode demo, second edition\n");
        api.scan(Optional.of("demo"));
        PullResult pulled = member.pull(Optional.empty(), ProgressListener.NONE).get(0);
        out.printf("owner changed  2 files, deleted 1; pull: %d updated, %d deleted, %d bytes received%n",
            pulled.filesUpdated(), pulled.filesDeleted(), pulled.bytesReceived());
        verify(out, source, copy);
      }
      out.println("demo ok: the member's copy is verified equal to the owner's");
    } catch (IOException e) {
      throw PpnodeException.error("demo failed: " + e.getMessage());
    } finally {
      if (tmp != null) {
        deleteTree(tmp);
      }
    }
  }

  private static void verify(PrintStream out, Path source, Path copy) throws IOException {
    String a = Trees.digest(source);
    String b = Trees.digest(copy);
    long[] c = Trees.count(copy);
    if (!a.equals(b)) {
      throw PpnodeException.error("demo failed: the member's copy differs from the owner's");
    }
    out.printf("verified       %d files, %d bytes, tree digest %s identical%n", c[0], c[1], a.substring(0, 16));
  }

  private static void generate(Path root) throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.createDirectories(root.resolve("notes"));
    Files.createDirectories(root.resolve("src/main/deep/deeper"));
    Files.createDirectories(root.resolve("empty-dir"));
    Files.writeString(root.resolve("README.txt"), "ppnode demo project\n");
    Files.writeString(root.resolve("docs/old.txt"), "to be deleted\n");
    Files.writeString(root.resolve("docs/Grüße-naïve-日本.txt"), "unicode names travel as NFC\n", StandardCharsets.UTF_8);
    Files.createFile(root.resolve("notes/empty.txt"));
    Random r = new Random(42);
    for (int i = 0; i < 50; i++) {
      byte[] b = new byte[1 + r.nextInt(8192)];
      r.nextBytes(b);
      Files.write(root.resolve("src/main/deep/deeper/file-" + i + ".bin"), b);
    }
    byte[] big = new byte[5 << 20];
    r.nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Temp files are left for the OS to clean.
    }
  }
}
