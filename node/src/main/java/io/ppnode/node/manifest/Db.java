package io.ppnode.node.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.api.ErrorCode;

/**
 * The manifest's one JDBC connection and the transaction discipline around it. Every unit of
 * work runs under one lock, inside one transaction that is committed on success and rolled back
 * on any failure, so callers on any thread see each manifest method as atomic.
 */
final class Db implements AutoCloseable {
  /**
   * Homes open in this JVM. H2 lets a second connection in the same JVM share an open file
   * database without complaint, which would give two Manifest objects with two locks over one
   * database; we refuse that the same way H2 refuses another process.
   */
  private static final Set<Path> OPEN_HOMES = ConcurrentHashMap.newKeySet();

  private final Path home;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  private Db(Path home, Connection connection) {
    this.home = home;
    this.connection = connection;
  }

  /** A piece of work inside one transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  static Db open(Path home) {
    Path abs = home.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs);
    } catch (java.io.IOException e) {
      throw new ManifestException("cannot create the node's home " + abs + ": " + e, false, e);
    }
    if (!OPEN_HOMES.add(abs)) {
      throw new ManifestException(
          "the node's home " + abs + " is already open in this process", true, null);
    }
    try {
      // No AUTO_SERVER and no TCP server: nothing may listen except what ppnode starts itself.
      // FILE_LOCK=FS: the kernel's lock on the database file, which goes when the process does.
      // H2's default, FILE, writes a lock file, sleeps to see whether another process rewrites
      // it and keeps a watchdog thread rewriting it itself: 25-40 ms of every cold command's
      // start (wall profile of an in-sync pull).
      // WRITE_DELAY=0: by default H2 writes a commit to the file up to 500 ms later, so a
      // process killed in that time lost transactions whose commit had returned (a pull's
      // record of files it had put in place). ManifestCrashTest kills a writer with SIGKILL
      // and fails without it. Commits are batched (one per scan, one per install batch), so
      // the extra writes are few. Not FILE_LOCK=NO: the lock is what keeps a second process
      // out (ManifestLockTest).
      String url = "jdbc:h2:file:" + abs.resolve("manifest") + ";FILE_LOCK=FS;WRITE_DELAY=0;MAX_COMPACT_TIME=0";
      Connection c = DriverManager.getConnection(url, "sa", "");
      c.setAutoCommit(false);
      return new Db(abs, c);
    } catch (SQLException e) {
      OPEN_HOMES.remove(abs);
      if (isLocked(e)) {
        throw new ManifestException(
            "the node's home " + abs + " is in use by another ppnode process", true, e);
      }
      throw new ManifestException("cannot open the manifest in " + abs + ": " + e.getMessage(), false, e);
    } catch (RuntimeException e) {
      OPEN_HOMES.remove(abs);
      throw e;
    }
  }

  private static boolean isLocked(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        return true;
      }
      String m = t.getMessage();
      if (m != null && m.contains("Database may be already in use")) {
        return true;
      }
    }
    return false;
  }

  /** TIMESTAMP WITH TIME ZONE parameters travel as UTC OffsetDateTime, which every H2 2.x maps. */
  /** Whether {@code sql} (a {@code SELECT 1 ...}) finds a row for the given string parameters. */
  static boolean exists(Connection c, String sql, String... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setString(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static OffsetDateTime ts(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  Path home() {
    return home;
  }

  /** Runs {@code work} in one transaction; SQL failures become ManifestException. */
  <T> T tx(String what, Work<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new ManifestException("the manifest in " + home + " is closed", false, null);
      }
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException e) {
        rollbackQuietly(e);
        throw new ManifestException(what + " failed: " + e.getMessage(), false, e);
      } catch (RuntimeException | Error e) {
        rollbackQuietly(e);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private void rollbackQuietly(Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      connection.close();
    } catch (SQLException e) {
      throw new ManifestException("closing the manifest in " + home + " failed: " + e, false, e);
    } finally {
      OPEN_HOMES.remove(home);
      lock.unlock();
    }
  }
}
