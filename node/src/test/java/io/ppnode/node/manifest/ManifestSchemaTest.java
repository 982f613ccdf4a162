package io.ppnode.node.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestSchemaTest {
  @TempDir Path tmp;

  @Test
  void createsHomeAndSchemaAndReopens() throws Exception {
    Path home = tmp.resolve("a/b/home");
    try (Manifest m = Manifest.open(home)) {
      assertEquals(Schema.latestVersion(), m.schemaVersion());
      assertEquals(home.toAbsolutePath(), m.home());
    }
    assertTrue(Files.exists(home.resolve("manifest.mv.db")));
    try (Manifest m = Manifest.open(home)) {
      assertEquals(Schema.latestVersion(), m.schemaVersion());
    }
    // Exactly one version row, and all tables present.
    try (Connection c =
            DriverManager.getConnection("jdbc:h2:file:" + home.toAbsolutePath().resolve("manifest"), "sa", "");
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
        rs.next();
        assertEquals(1, rs.getInt(1));
        assertEquals(Schema.latestVersion(), rs.getInt(2));
      }
      for (String table : new String[] {"IDENTITY", "PROJECTS", "MEMBERS", "INVITES", "FILES", "CHUNKS", "RELAYS", "REVOKED_MEMBERS"}) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = '" + table + "'")) {
          rs.next();
          assertEquals(1, rs.getInt(1), table);
        }
      }
    }
  }

  @Test
  void aVersionThreeManifestGainsTheChunkIndex() throws Exception {
    Path home = tmp.resolve("home");
    try (Manifest m = Manifest.open(home)) {
      m.insertProject(Fixtures.project("p", "proj", tmp));
      m.putFiles("p", java.util.List.of(Fixtures.file("f", 1, 2)), 1);
    }
    // Turn it back into what a build before the chunk index left behind.
    try (Connection c = connect(home); Statement s = c.createStatement()) {
      s.execute("DROP INDEX chunks_by_hash");
      // Later steps' work goes too, so that the upgrade replays them.
      s.execute("ALTER TABLE files DROP COLUMN signature");
      s.execute("DROP TABLE settings");
      s.execute("DROP TABLE transfer_chunks");
      s.execute("DROP TABLE transfers");
      s.execute("ALTER TABLE files DROP COLUMN file_key");
      s.execute("ALTER TABLE members DROP COLUMN applied_sequence");
      s.execute("DROP INDEX files_tombstones");
      s.execute("UPDATE schema_version SET version = 3");
    }
    try (Manifest m = Manifest.open(home)) {
      assertEquals(Schema.latestVersion(), m.schemaVersion());
      assertEquals("f", m.findChunk("p", Fixtures.sha("f#1")).orElseThrow().path());
      // v8: the upgraded row has no file key yet, and can be given one.
      assertTrue(m.fileKeys("p").isEmpty());
      m.putFiles("p", java.util.List.of(), 1, java.util.Map.of("f", "(dev=1,ino=2)"));
      assertEquals(java.util.Map.of("f", "(dev=1,ino=2)"), m.fileKeys("p"));
    }
    try (Connection c = connect(home);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = 'CHUNKS_BY_HASH'")) {
      rs.next();
      assertEquals(1, rs.getInt(1));
    }
  }

  private static Connection connect(Path home) throws Exception {
    return DriverManager.getConnection("jdbc:h2:file:" + home.toAbsolutePath().resolve("manifest"), "sa", "");
  }

  @Test
  void refusesSchemaFromNewerBuild() throws Exception {
    Path home = tmp.resolve("home");
    Manifest.open(home).close();
    try (Connection c =
            DriverManager.getConnection("jdbc:h2:file:" + home.toAbsolutePath().resolve("manifest"), "sa", "");
        Statement s = c.createStatement()) {
      s.execute("UPDATE schema_version SET version = 99");
    }
    ManifestException e = assertThrows(ManifestException.class, () -> Manifest.open(home));
    assertFalse(e.locked());
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }

  @Test
  void identitySaveLoadAndListen() {
    try (Manifest m = Manifest.open(tmp)) {
      assertTrue(m.identity().isEmpty());
      assertThrows(ManifestException.class, () -> m.setListen("0.0.0.0:1"));
      m.saveIdentity(new StoredIdentity(new byte[] {1, 2, 3}, new byte[] {4, 5}, "NODE-1", "127.0.0.1:7800"));
      m.setListen("0.0.0.0:7801");
    }
    try (Manifest m = Manifest.open(tmp)) {
      StoredIdentity id = m.identity().orElseThrow();
      assertArrayEquals(new byte[] {1, 2, 3}, id.privateKeyPkcs8());
      assertArrayEquals(new byte[] {4, 5}, id.certificateDer());
      assertEquals("NODE-1", id.nodeId());
      assertEquals("0.0.0.0:7801", id.listen());
      // Saving again replaces the single row.
      m.saveIdentity(new StoredIdentity(new byte[] {9}, new byte[] {8}, "NODE-2", null));
      assertEquals("NODE-2", m.identity().orElseThrow().nodeId());
    }
  }

  @Test
  void closedManifestRefusesWork() {
    Manifest m = Manifest.open(tmp);
    m.close();
    m.close();
    assertThrows(ManifestException.class, m::projects);
  }
}
