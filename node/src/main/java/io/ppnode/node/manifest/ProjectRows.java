package io.ppnode.node.manifest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * SQL for the identity row and the projects table. Each method runs inside a transaction the
 * caller ({@link Manifest}) has opened, so none of them commits.
 */
final class ProjectRows {
  private ProjectRows() {}

  private static final String PROJECT_COLUMNS =
      "id, name, role, root, owner_node_id, owner_addresses, sequence, last_sync";

  static Optional<StoredIdentity> identity(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT private_key, certificate, node_id, listen FROM identity WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new StoredIdentity(rs.getBytes(1), rs.getBytes(2), rs.getString(3), rs.getString(4)));
    }
  }

  static void saveIdentity(Connection c, StoredIdentity id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "MERGE INTO identity (id, private_key, certificate, node_id, listen) KEY (id)"
                + " VALUES (1, ?, ?, ?, ?)")) {
      ps.setBytes(1, id.privateKeyPkcs8());
      ps.setBytes(2, id.certificateDer());
      ps.setString(3, id.nodeId());
      ps.setString(4, id.listen());
      ps.executeUpdate();
    }
  }

  static void setListen(Connection c, String listen) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE identity SET listen = ? WHERE id = 1")) {
      ps.setString(1, listen);
      if (ps.executeUpdate() == 0) {
        throw new ManifestException("this home has no node identity yet", false, null);
      }
    }
  }

  static void insertProject(Connection c, ProjectRecord p) throws SQLException {
    // Checked first so that the user reads which one clashed, not an H2 constraint name.
    if (byColumn(c, "id", p.id()).isPresent()) {
      throw new ManifestException(
          "a project with id " + p.id() + " already exists in this home", false, null);
    }
    if (byColumn(c, "name", p.name()).isPresent()) {
      throw new ManifestException(
          "a project named " + p.name() + " already exists in this home", false, null);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO projects (" + PROJECT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, p.id());
      ps.setString(2, p.name());
      ps.setString(3, p.role().name());
      ps.setString(4, p.root().toAbsolutePath().toString());
      ps.setString(5, p.ownerNodeId());
      ps.setString(6, joinAddresses(p.ownerAddresses()));
      ps.setLong(7, p.sequence());
      ps.setObject(8, Db.ts(p.lastSync()));
      ps.executeUpdate();
    }
  }

  static Optional<ProjectRecord> project(Connection c, String idOrName) throws SQLException {
    Optional<ProjectRecord> byId = byColumn(c, "id", idOrName);
    return byId.isPresent() ? byId : byColumn(c, "name", idOrName);
  }

  static List<ProjectRecord> projects(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT " + PROJECT_COLUMNS + " FROM projects ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      List<ProjectRecord> out = new ArrayList<>();
      while (rs.next()) {
        out.add(read(rs));
      }
      return out;
    }
  }

  static void setLastSync(Connection c, String projectId, Instant when) throws SQLException {
    update(c, "UPDATE projects SET last_sync = ? WHERE id = ?", projectId, Db.ts(when));
  }

  static void setOwnerAddresses(Connection c, String projectId, List<String> addresses)
      throws SQLException {
    update(
        c,
        "UPDATE projects SET owner_addresses = ? WHERE id = ?",
        projectId,
        joinAddresses(addresses));
  }

  static void setSequence(Connection c, String projectId, long sequence) throws SQLException {
    update(c, "UPDATE projects SET sequence = ? WHERE id = ?", projectId, sequence);
  }

  /** Fails loudly on an unknown project: a silent no-op would hide a caller's bug. */
  private static void update(Connection c, String sql, String projectId, Object value)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, value);
      ps.setString(2, projectId);
      if (ps.executeUpdate() == 0) {
        throw unknownProject(projectId);
      }
    }
  }

  static ManifestException unknownProject(String projectId) {
    return new ManifestException("no project with id " + projectId + " in this home", false, null);
  }

  private static Optional<ProjectRecord> byColumn(Connection c, String column, String value)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + PROJECT_COLUMNS + " FROM projects WHERE " + column + " = ?")) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static ProjectRecord read(ResultSet rs) throws SQLException {
    return new ProjectRecord(
        rs.getString("id"),
        rs.getString("name"),
        Role.valueOf(rs.getString("role")),
        Path.of(rs.getString("root")),
        rs.getString("owner_node_id"),
        splitAddresses(rs.getString("owner_addresses")),
        rs.getLong("sequence"),
        Db.instant(rs, "last_sync"));
  }

  // Addresses are HOST:PORT strings, which never contain a newline, so one column suffices.
  private static String joinAddresses(List<String> addresses) {
    return addresses == null ? "" : String.join("\n", addresses);
  }

  private static List<String> splitAddresses(String joined) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    return List.copyOf(Arrays.asList(joined.split("\n")));
  }
}
