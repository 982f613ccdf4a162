package io.ppnode.node.manifest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The manifest's versioned schema. {@link #STEPS} holds one migration per version, in order: step
 * {@code i} takes a database from version {@code i} to {@code i + 1}. A later release appends a
 * step and never edits an old one, so every existing home upgrades along the same path.
 */
final class Schema {
  private Schema() {}

  /*
   * Foreign keys to projects are declared after the primary key. Declared inline, before it,
   * H2's planner (costing statements while the tables are empty) chose the foreign key's
   * project_id-only index for single-row updates by (project_id, path): every update scanned the
   * whole project, and putting 10,000 entries took minutes. ManifestFilesTest guards this.
   */
  private static final String PROJECT_FK =
      " FOREIGN KEY (project_id) REFERENCES projects (id) ON DELETE CASCADE";

  private static final List<List<String>> STEPS =
      List.of(
          // v1
          List.of(
              "CREATE TABLE identity ("
                  // A fixed key keeps the table to one row.
                  + " id INT PRIMARY KEY CHECK (id = 1),"
                  + " private_key VARBINARY NOT NULL,"
                  + " certificate VARBINARY NOT NULL,"
                  + " node_id VARCHAR NOT NULL,"
                  + " listen VARCHAR)",
              "CREATE TABLE projects ("
                  + " id VARCHAR(64) PRIMARY KEY,"
                  + " name VARCHAR NOT NULL UNIQUE,"
                  + " role VARCHAR(16) NOT NULL,"
                  + " root VARCHAR NOT NULL,"
                  + " owner_node_id VARCHAR NOT NULL,"
                  + " owner_addresses VARCHAR NOT NULL DEFAULT '',"
                  + " sequence BIGINT NOT NULL DEFAULT 0,"
                  + " last_sync TIMESTAMP WITH TIME ZONE)",
              "CREATE TABLE members ("
                  + " project_id VARCHAR(64) NOT NULL,"
                  + " node_id VARCHAR NOT NULL,"
                  + " added_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                  + " PRIMARY KEY (project_id, node_id),"
                  + PROJECT_FK
                  + ")",
              "CREATE TABLE invites ("
                  + " project_id VARCHAR(64) NOT NULL,"
                  + " secret_hash VARBINARY(32) PRIMARY KEY,"
                  + " expires_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                  + " uses_left INT NOT NULL,"
                  + " created_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                  + PROJECT_FK
                  + ")",
              "CREATE TABLE files ("
                  + " project_id VARCHAR(64) NOT NULL,"
                  + " path VARCHAR NOT NULL,"
                  + " kind VARCHAR(16) NOT NULL,"
                  + " size BIGINT NOT NULL,"
                  + " mtime BIGINT NOT NULL,"
                  + " mode INT NOT NULL,"
                  + " sha256 VARBINARY(32),"
                  + " sequence BIGINT NOT NULL,"
                  + " deleted BOOLEAN NOT NULL,"
                  + " PRIMARY KEY (project_id, path),"
                  + PROJECT_FK
                  + ")",
              // Index pages are served by sequence.
              "CREATE INDEX files_by_sequence ON files (project_id, sequence)",
              // OFFSET is an SQL keyword, hence the quotes wherever the column is named.
              "CREATE TABLE chunks ("
                  + " project_id VARCHAR(64) NOT NULL,"
                  + " path VARCHAR NOT NULL,"
                  + " idx INT NOT NULL,"
                  + " \"OFFSET\" BIGINT NOT NULL,"
                  + " length INT NOT NULL,"
                  + " sha256 VARBINARY(32) NOT NULL,"
                  + " PRIMARY KEY (project_id, path, idx),"
                  + " FOREIGN KEY (project_id, path) REFERENCES files (project_id, path)"
                  + " ON DELETE CASCADE)"),
          // v2: the relays a serving node registers with (serve --relay) and names in its
          // invites, in the order given. A member keeps its owner's relays with the owner's
          // addresses (projects.owner_addresses, as relay://HOST:PORT), so it needs no table.
          List.of(
              "CREATE TABLE relays ("
                  + " position INT PRIMARY KEY,"
                  + " url VARCHAR NOT NULL UNIQUE)"),
          // v3: revoked members, so that a revoked node cannot join again with a multi-use
          // invite it still holds, and is told why it is refused.
          List.of(
              "CREATE TABLE revoked_members ("
                  + " project_id VARCHAR(64) NOT NULL,"
                  + " node_id VARCHAR NOT NULL,"
                  + " revoked_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                  + " PRIMARY KEY (project_id, node_id),"
                  + PROJECT_FK
                  + ")"),
          // v4: a member looks chunks up by hash, to copy bytes it already holds in any file
          // instead of fetching them (Manifest.findChunk).
          List.of("CREATE INDEX chunks_by_hash ON chunks (project_id, sha256)"),
          // v5: the owner's Ed25519 signature of each entry (docs/protocol.md 4.1), made at scan
          // on the owner and kept as received on a member. Rows from before have none: the
          // owner's next scan republishes them signed (Scanner), a member refetches the index.
          List.of("ALTER TABLE files ADD COLUMN signature VARBINARY(64)"),
          // v6: node settings that outlive one command, such as mDNS being turned off
          // (serve --no-mdns), so that join and pull obey it too.
          List.of("CREATE TABLE settings (name VARCHAR(64) PRIMARY KEY, setting VARCHAR NOT NULL)"),
          // v7: pulls in progress, so that a member killed mid-file resumes from its temp file.
          // A transfer names the owner's entry (file hash and sequence) it assembles;
          // its chunk rows are offsets whose bytes were verified and forced to the temp file.
          List.of(
              "CREATE TABLE transfers ("
                  + " project_id VARCHAR(64) NOT NULL,"
                  + " path VARCHAR NOT NULL,"
                  + " sha256 VARBINARY(32) NOT NULL,"
                  + " sequence BIGINT NOT NULL,"
                  + " temp VARCHAR NOT NULL,"
                  + " touched_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                  + " PRIMARY KEY (project_id, path),"
                  + PROJECT_FK
                  + ")",
              "CREATE TABLE transfer_chunks ("
                  + " project_id VARCHAR(64) NOT NULL,"
                  + " path VARCHAR NOT NULL,"
                  + " chunk_offset BIGINT NOT NULL,"
                  + " PRIMARY KEY (project_id, path, chunk_offset),"
                  + " FOREIGN KEY (project_id, path) REFERENCES transfers (project_id, path)"
                  + " ON DELETE CASCADE)"),
          // v8: on the owner, the identity of the file on disk each entry was hashed from
          // (BasicFileAttributes.fileKey: device and inode on Unix), so that a file replaced by
          // another of the same size and mtime is read again. Rows from before have none: the
          // next scan adopts the key it sees without reading, trusting size and mtime as the
          // build that wrote them did, rather than re-reading every file of every project.
          List.of("ALTER TABLE files ADD COLUMN file_key VARCHAR"),
          // v9: on the owner, the highest sequence each member has said it applied (the since of
          // its INDEX_REQUEST and INDEX_WATCH), so that tombstones every member has applied can
          // be dropped (Manifest.compactTombstones).
          List.of("ALTER TABLE members ADD COLUMN applied_sequence BIGINT NOT NULL DEFAULT 0"),
          // v10: the owner drops applied tombstones after every scan; without an index that
          // DELETE read every row of the project (0.4 s of a no-change scan of 100,000 files).
          List.of("CREATE INDEX files_tombstones ON files (project_id, deleted, sequence)"));

  /** The version this build writes. */
  static int latestVersion() {
    return STEPS.size();
  }

  /** Brings the schema up to {@link #latestVersion()}; refuses a database from a newer build. */
  static void migrate(Connection c) throws SQLException {
    int current = currentVersion(c);
    if (current > latestVersion()) {
      throw new ManifestException(
          "the manifest has schema version " + current + ", newer than this ppnode understands ("
              + latestVersion() + "); use a newer ppnode",
          false,
          null);
    }
    try (Statement s = c.createStatement()) {
      if (current == 0) {
        // IF NOT EXISTS and the row check: a first open that died early may have left them.
        s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)");
        s.execute(
            "INSERT INTO schema_version SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)");
      }
      for (int v = current; v < latestVersion(); v++) {
        for (String sql : STEPS.get(v)) {
          s.execute(sql);
        }
        // H2 commits DDL as it goes, so the version is bumped after each finished step: a crash
        // mid-step leaves the previous version recorded.
        s.execute("UPDATE schema_version SET version = " + (v + 1));
        c.commit();
      }
    }
  }

  /** 0 for an empty database. */
  static int currentVersion(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'SCHEMA_VERSION'")) {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getInt(1) == 0) {
          return 0;
        }
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
