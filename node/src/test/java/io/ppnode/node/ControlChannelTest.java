package io.ppnode.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ppnode.node.api.ExitCode;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.control.RemoteNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a node serves its home, other commands on that home go through its control channel:
 * nobody sees a locked database, and answers (results, errors with their exit codes, progress)
 * come back intact. Once it stops, commands open the home themselves again.
 */
@Timeout(60)
class ControlChannelTest {
  @TempDir Path tmp;

  @Test
  void commandsReachServingOwnerAndMember() throws Exception {
    Path source = tmp.resolve("source");
    ShareJoinIntegrationTest.generate(source);
    Path ownerHome = tmp.resolve("owner");
    Path memberHome = tmp.resolve("member");
    try (ServingNode owner = ServingNode.start(ownerHome, Optional.of("127.0.0.1:0"))) {
      try (NodeApi viaControl = NodeAccess.open(ownerHome)) {
        assertInstanceOf(RemoteNode.class, viaControl);
        viaControl.share(source, Optional.of("proj"));
        String token = viaControl.invite("proj", Duration.ofHours(1), 1, List.of()).token();
        assertEquals(owner.api().status().nodeId(), viaControl.status().nodeId());
        assertTrue(viaControl.status().serving());
        PpnodeException bad = assertThrows(PpnodeException.class, () -> viaControl.ls("no-such-project"));
        assertEquals(ExitCode.USAGE, bad.exitCode());

        try (ServingNode member = ServingNode.start(memberHome, Optional.of("127.0.0.1:0"));
            NodeApi memberControl = NodeAccess.open(memberHome)) {
          assertInstanceOf(RemoteNode.class, memberControl);
          AtomicInteger events = new AtomicInteger();
          ProgressListener counting = new ProgressListener() {
            @Override
            public void started(String project, int files, long bytes) {
              events.incrementAndGet();
            }
          };
          PullResult joined = memberControl.join(token, tmp.resolve("copy"), counting);
          assertTrue(joined.inSync());
          assertTrue(events.get() > 0, "progress events cross the control channel");
          assertEquals(Trees.digest(source), Trees.digest(tmp.resolve("copy")));

          Files.writeString(source.resolve("later.txt"), "later");
          viaControl.scan(Optional.of("proj"));
          // The serving member may already have it (it follows the owner): the pull leaves it in sync either way.
          assertTrue(memberControl.pull(Optional.empty(), ProgressListener.NONE).get(0).inSync());
          assertEquals(Trees.digest(source), Trees.digest(tmp.resolve("copy")));
          assertFalse(memberControl.ls("proj").isEmpty());
          // Conflict copies cross the control channel with the rest of status.
          Files.writeString(tmp.resolve("copy/later.ppconflict-20240101-120000.txt"), "mine");
          assertEquals(List.of("later.ppconflict-20240101-120000.txt"),
              memberControl.status().projects().get(0).conflictCopies());
        }
      }
    }
    // Nobody serves any more: the command opens the home itself.
    try (NodeApi direct = NodeAccess.open(ownerHome)) {
      assertInstanceOf(LocalNode.class, direct);
      assertFalse(direct.status().serving());
    }
  }
}
