package io.ppnode.node.manifest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * SQL for the owner's access control beyond joining: listing members and live invites, revoking
 * a member, ending an invite. Kept apart from {@link MemberRows} (joining) so that each stays
 * small. Runs inside the caller's transaction.
 */
final class AccessRows {
  private AccessRows() {}

  static List<MemberRecord> memberRecords(Connection c, String projectId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT node_id, added_at FROM members WHERE project_id = ? ORDER BY added_at, node_id")) {
      ps.setString(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        List<MemberRecord> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new MemberRecord(rs.getString("node_id"), Db.instant(rs, "added_at")));
        }
        return out;
      }
    }
  }

  /**
   * Removes the member and records the revocation, so that no invite lets it in again. Returns
   * false (and changes nothing) if the node was not a member.
   */
  static boolean revokeMember(Connection c, String projectId, String nodeId, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM members WHERE project_id = ? AND node_id = ?")) {
      ps.setString(1, projectId);
      ps.setString(2, nodeId);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "MERGE INTO revoked_members (project_id, node_id, revoked_at) KEY (project_id, node_id)"
                + " VALUES (?, ?, ?)")) {
      ps.setString(1, projectId);
      ps.setString(2, nodeId);
      ps.setObject(3, Db.ts(now));
      ps.executeUpdate();
    }
    return true;
  }

  static boolean isRevoked(Connection c, String projectId, String nodeId) throws SQLException {
    return Db.exists(c, "SELECT 1 FROM revoked_members WHERE project_id = ? AND node_id = ?", projectId, nodeId);
  }

  /** Invites that can still be redeemed at {@code now}, oldest first. */
  static List<InviteRecord> liveInvites(Connection c, String projectId, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT secret_hash, expires_at, uses_left, created_at FROM invites"
                + " WHERE project_id = ? AND expires_at > ? AND uses_left > 0"
                + " ORDER BY created_at, secret_hash")) {
      ps.setString(1, projectId);
      ps.setObject(2, Db.ts(now));
      try (ResultSet rs = ps.executeQuery()) {
        List<InviteRecord> out = new ArrayList<>();
        while (rs.next()) {
          out.add(
              new InviteRecord(
                  InviteRecord.idOf(rs.getBytes("secret_hash")),
                  Db.instant(rs, "expires_at"),
                  rs.getInt("uses_left"),
                  Db.instant(rs, "created_at")));
        }
        return out;
      }
    }
  }

  /**
   * Deletes the one invite of the project whose id starts with {@code idPrefix}. Returns how
   * many invites matched: 0 and more than 1 change nothing (the caller says which it was).
   */
  static int endInvite(Connection c, String projectId, String idPrefix) throws SQLException {
    List<byte[]> matches = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT secret_hash FROM invites WHERE project_id = ?")) {
      ps.setString(1, projectId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byte[] h = rs.getBytes(1);
          if (HexFormat.of().formatHex(h).startsWith(idPrefix)) {
            matches.add(h);
          }
        }
      }
    }
    if (matches.size() != 1) {
      return matches.size();
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM invites WHERE project_id = ? AND secret_hash = ?")) {
      ps.setString(1, projectId);
      ps.setBytes(2, matches.get(0));
      ps.executeUpdate();
    }
    return 1;
  }
}
