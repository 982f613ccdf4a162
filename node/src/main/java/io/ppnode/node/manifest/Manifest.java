package io.ppnode.node.manifest;

import io.ppnode.protocol.FileEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The node's manifest: an H2 file database ({@code HOME/manifest.mv.db}) with a versioned schema
 * holding identity, projects, members, invites, files and chunks. One process opens it at a time
 * (other commands reach a serving node through its control channel). Thread-safe: every method
 * is one transaction.
 */
public final class Manifest implements AutoCloseable {
  /** Opens (creating if needed) the manifest in {@code home}; ManifestException(locked=true) if another process has it open. */
  public static Manifest open(Path home) {
    throw new UnsupportedOperationException("TODO");
  }

  public Optional<StoredIdentity> identity() {
    throw new UnsupportedOperationException("TODO");
  }

  public void saveIdentity(StoredIdentity identity) {
    throw new UnsupportedOperationException("TODO");
  }

  public void setListen(String listen) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Inserts a project; ManifestException if the id or name is taken. */
  public void insertProject(ProjectRecord project) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Finds a project by id, else by name. */
  public Optional<ProjectRecord> project(String idOrName) {
    throw new UnsupportedOperationException("TODO");
  }

  public List<ProjectRecord> projects() {
    throw new UnsupportedOperationException("TODO");
  }

  public void setLastSync(String projectId, Instant when) {
    throw new UnsupportedOperationException("TODO");
  }

  public void setOwnerAddresses(String projectId, List<String> addresses) {
    throw new UnsupportedOperationException("TODO");
  }

  public void addMember(String projectId, String nodeId) {
    throw new UnsupportedOperationException("TODO");
  }

  public boolean isMember(String projectId, String nodeId) {
    throw new UnsupportedOperationException("TODO");
  }

  public List<String> members(String projectId) {
    throw new UnsupportedOperationException("TODO");
  }

  public void insertInvite(String projectId, byte[] secretHash, Instant expires, int uses) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Checks a presented secret's hash and, only if valid, uses it up by one and records
   * {@code memberNodeId} as a member, all in one transaction.
   */
  public InviteOutcome redeemInvite(String projectId, byte[] secretHash, String memberNodeId, Instant now) {
    throw new UnsupportedOperationException("TODO");
  }

  /** One entry (tombstones included), with its chunks. */
  public Optional<FileEntry> file(String projectId, String path) {
    throw new UnsupportedOperationException("TODO");
  }

  /** All entries of a project in path order, tombstones included, with chunks. */
  public List<FileEntry> files(String projectId) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Up to {@code limit} entries with sequence above {@code since}, by ascending sequence, with chunks. */
  public List<FileEntry> filesAfter(String projectId, long since, int limit) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Upserts entries (replacing each one's chunk list) and sets the project's sequence to
   * {@code newSequence}, in one transaction.
   */
  public void putFiles(String projectId, List<FileEntry> entries, long newSequence) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Live (non-deleted) files and their total bytes. */
  public Totals totals(String projectId) {
    throw new UnsupportedOperationException("TODO");
  }

  /** File count and byte total of a project. */
  public record Totals(long files, long bytes) {}

  @Override
  public void close() {
    throw new UnsupportedOperationException("TODO");
  }
}
