package io.ppnode.node.manifest;

import static io.ppnode.node.manifest.Fixtures.project;
import static io.ppnode.node.manifest.Fixtures.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestProjectsTest {
  @TempDir Path tmp;
  Manifest m;

  @BeforeEach
  void open() {
    m = Manifest.open(tmp.resolve("home"));
  }

  @AfterEach
  void close() {
    m.close();
  }

  @Test
  void insertAndFindByIdThenName() {
    Path root = tmp.resolve("proj");
    m.insertProject(
        new ProjectRecord("id1", "alpha", Role.MEMBER, root, "owner", List.of("h1:1", "h2:2"), 7, null));
    // A project whose name is another project's id: lookup by id wins.
    m.insertProject(project("id2", "id1", root));

    ProjectRecord p = m.project("id1").orElseThrow();
    assertEquals("alpha", p.name());
    assertEquals(Role.MEMBER, p.role());
    assertEquals(root.toAbsolutePath(), p.root());
    assertEquals(List.of("h1:1", "h2:2"), p.ownerAddresses());
    assertEquals(7, p.sequence());
    assertNull(p.lastSync());
    assertEquals("id1", m.project("alpha").orElseThrow().id());
    assertTrue(m.project("nope").isEmpty());
    assertEquals(List.of("alpha", "id1"), m.projects().stream().map(ProjectRecord::name).toList());
  }

  @Test
  void duplicateNameOrIdIsRefusedClearly() {
    m.insertProject(project("id1", "alpha", tmp));
    ManifestException byName =
        assertThrows(ManifestException.class, () -> m.insertProject(project("id2", "alpha", tmp)));
    assertEquals("a project named alpha already exists in this home", byName.getMessage());
    ManifestException byId =
        assertThrows(ManifestException.class, () -> m.insertProject(project("id1", "beta", tmp)));
    assertTrue(byId.getMessage().contains("id1"), byId.getMessage());
    assertEquals(1, m.projects().size());
  }

  @Test
  void lastSyncAndAddresses() {
    m.insertProject(project("id1", "alpha", tmp));
    Instant when = Instant.parse("2024-05-01T10:15:30.123Z");
    m.setLastSync("id1", when);
    m.setOwnerAddresses("id1", List.of("owner.example:7800"));
    ProjectRecord p = m.project("id1").orElseThrow();
    assertEquals(when, p.lastSync());
    assertEquals(List.of("owner.example:7800"), p.ownerAddresses());
    m.setOwnerAddresses("id1", List.of());
    assertEquals(List.of(), m.project("id1").orElseThrow().ownerAddresses());
    assertThrows(ManifestException.class, () -> m.setLastSync("missing", when));
  }

  @Test
  void membersAreIdempotent() {
    m.insertProject(project("id1", "alpha", tmp));
    assertFalse(m.isMember("id1", "n1"));
    m.addMember("id1", "n1");
    m.addMember("id1", "n2");
    m.addMember("id1", "n1");
    assertTrue(m.isMember("id1", "n1"));
    assertEquals(2, m.members("id1").size());
    assertTrue(m.members("id1").containsAll(List.of("n1", "n2")));
    assertThrows(ManifestException.class, () -> m.addMember("missing", "n1"));
  }

  @Test
  void redeemAcceptsAndUsesUp() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    m.insertProject(project("id1", "alpha", tmp));
    m.insertInvite("id1", secret("s"), now.plus(Duration.ofHours(1)), 2);

    assertEquals(InviteOutcome.ACCEPTED, m.redeemInvite("id1", secret("s"), "n1", now));
    // Repeating a join costs nothing.
    assertEquals(InviteOutcome.ACCEPTED, m.redeemInvite("id1", secret("s"), "n1", now));
    assertEquals(InviteOutcome.ACCEPTED, m.redeemInvite("id1", secret("s"), "n2", now));
    assertEquals(InviteOutcome.USED_UP, m.redeemInvite("id1", secret("s"), "n3", now));
    assertEquals(List.of("n1", "n2"), m.members("id1").stream().sorted().toList());
    assertFalse(m.isMember("id1", "n3"));
  }

  @Test
  void redeemRefusalsChangeNothing() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    m.insertProject(project("id1", "alpha", tmp));
    m.insertProject(project("id2", "beta", tmp));
    m.insertInvite("id1", secret("old"), now.minusSeconds(1), 1);
    m.insertInvite("id1", secret("edge"), now, 1);
    m.insertInvite("id1", secret("good"), now.plusSeconds(60), 1);

    assertEquals(InviteOutcome.EXPIRED, m.redeemInvite("id1", secret("old"), "n1", now));
    assertEquals(InviteOutcome.EXPIRED, m.redeemInvite("id1", secret("edge"), "n1", now));
    assertEquals(InviteOutcome.UNKNOWN, m.redeemInvite("id1", secret("never"), "n1", now));
    // A secret is only good for its own project.
    assertEquals(InviteOutcome.UNKNOWN, m.redeemInvite("id2", secret("good"), "n1", now));
    assertTrue(m.members("id1").isEmpty());
    assertTrue(m.members("id2").isEmpty());
    // The good invite still has its one use.
    assertEquals(InviteOutcome.ACCEPTED, m.redeemInvite("id1", secret("good"), "n1", now));
    assertEquals(InviteOutcome.USED_UP, m.redeemInvite("id1", secret("good"), "n2", now));
  }

  @Test
  void inviteArgumentsAreChecked() {
    m.insertProject(project("id1", "alpha", tmp));
    Instant later = Instant.now().plusSeconds(60);
    assertThrows(IllegalArgumentException.class, () -> m.insertInvite("id1", new byte[5], later, 1));
    assertThrows(IllegalArgumentException.class, () -> m.insertInvite("id1", secret("x"), later, 0));
    assertThrows(ManifestException.class, () -> m.insertInvite("missing", secret("x"), later, 1));
    m.insertInvite("id1", secret("x"), later, 1);
    assertThrows(ManifestException.class, () -> m.insertInvite("id1", secret("x"), later, 1));
  }
}
