package io.ppnode.node.manifest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** SQL for the {@code relays} table (schema v2): this node's relay URLs, kept in order. */
final class RelayRows {
  private RelayRows() {}

  static List<String> relays(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT url FROM relays ORDER BY position")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static void setRelays(Connection c, List<String> urls) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DELETE FROM relays");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO relays (position, url) VALUES (?, ?)")) {
      int i = 0;
      for (String url : urls.stream().distinct().toList()) {
        ps.setInt(1, i++);
        ps.setString(2, url);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
