package io.ppnode.node.manifest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** SQL for the {@code settings} table (schema v6): named node settings, one value each. */
final class SettingRows {
  private SettingRows() {}

  static Optional<String> get(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT setting FROM settings WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  static void put(Connection c, String name, String value) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("UPDATE settings SET setting = ? WHERE name = ?")) {
      update.setString(1, value);
      update.setString(2, name);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO settings (name, setting) VALUES (?, ?)")) {
      insert.setString(1, name);
      insert.setString(2, value);
      insert.executeUpdate();
    }
  }

  static void delete(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM settings WHERE name = ?")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }
}
