package io.ppnode.node.manifest;

import io.ppnode.protocol.ChunkHash;
import io.ppnode.protocol.FileEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's manifest: an H2 file database ({@code HOME/manifest.mv.db}) with a versioned schema
 * holding identity, projects, members, invites, files and chunks. One process opens it at a time
 * (other commands reach a serving node through its control channel). Thread-safe: every method
 * is one transaction.
 *
 * <p>This class is the public face only; the SQL lives in package-private row classes, one per
 * concern ({@link ProjectRows}, {@link MemberRows}, {@link FileRows}, {@link TransferRows}), and the schema in
 * {@link Schema}.
 */
public final class Manifest implements AutoCloseable {
  private final Db db;
  /**
   * {@link #fileStates} by project, kept between calls: a serving owner rescans every project
   * periodically, and with nothing changed the rows it would read again are the ones it read
   * last time (100,000 of them cost ~0.3 s and as much again in garbage collection). A write of
   * file rows applies itself to the kept states inside the transaction, which the one lock of
   * {@link Db} orders, and this process is the only one with the database open: kept states are
   * what the table holds.
   */
  private final Map<String, KeptStates> fileStates = new ConcurrentHashMap<>();
  /** Projects whose kept states changed since the home's snapshot: saved at {@link #close}. */
  private final Set<String> unsaved = ConcurrentHashMap.newKeySet();
  /** The same, kept in the home for the next process: see {@link FileStateSnapshots}. */
  private final FileStateSnapshots snapshots;

  private Manifest(Db db) {
    this.db = db;
    this.snapshots = new FileStateSnapshots(db.home());
  }

  /** The setting that holds the token of a project's valid file-state snapshot, if one is valid. */
  private static String snapshotToken(String projectId) {
    return "file-states." + projectId;
  }

  /** Called in every transaction that writes file rows: the snapshot no longer says what they hold. */
  private void fileRowsChanged(java.sql.Connection c, String projectId) throws java.sql.SQLException {
    fileStates.remove(projectId);
    SettingRows.delete(c, snapshotToken(projectId));
  }

  /**
   * Opens (creating if needed) the manifest in {@code home}; ManifestException(locked=true) if
   * another process has it open, or if this process already has it open.
   */
  public static Manifest open(Path home) {
    Db db = Db.open(home);
    try {
      db.tx(
          "upgrading the manifest schema",
          c -> {
            Schema.migrate(c);
            return null;
          });
      return new Manifest(db);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The home directory this manifest lives in (absolute). */
  public Path home() {
    return db.home();
  }

  /** The schema version on disk; after {@link #open} it is the latest this build knows. */
  public int schemaVersion() {
    return db.tx("reading the schema version", Schema::currentVersion);
  }

  public Optional<StoredIdentity> identity() {
    return db.tx("reading the identity", ProjectRows::identity);
  }

  /** Stores the identity, replacing any earlier one. */
  public void saveIdentity(StoredIdentity identity) {
    db.tx("saving the identity", c -> {
      ProjectRows.saveIdentity(c, identity);
      return null;
    });
  }

  /** Changes the stored default listen address; ManifestException if no identity exists yet. */
  public void setListen(String listen) {
    db.tx("saving the listen address", c -> {
      ProjectRows.setListen(c, listen);
      return null;
    });
  }

  /** The relay URLs this node registers with, in the order they were given. */
  public List<String> relays() {
    return db.tx("reading the relays", RelayRows::relays);
  }

  /** Replaces the remembered relay URLs. */
  public void setRelays(List<String> urls) {
    db.tx("saving the relays", c -> {
      RelayRows.setRelays(c, urls);
      return null;
    });
  }

  /** A node setting by name, if it was ever set. */
  public Optional<String> setting(String name) {
    return db.tx("reading a setting", c -> SettingRows.get(c, name));
  }

  /** Sets a node setting, replacing its old value. */
  public void setSetting(String name, String value) {
    db.tx("saving a setting", c -> {
      SettingRows.put(c, name, value);
      return null;
    });
  }

  /** Inserts a project; ManifestException if the id or name is taken. */
  public void insertProject(ProjectRecord project) {
    db.tx("adding project " + project.name(), c -> {
      ProjectRows.insertProject(c, project);
      return null;
    });
  }

  /** Finds a project by id, else by name. */
  public Optional<ProjectRecord> project(String idOrName) {
    return db.tx("looking up project " + idOrName, c -> ProjectRows.project(c, idOrName));
  }

  /** All projects, by name. */
  public List<ProjectRecord> projects() {
    return db.tx("listing projects", ProjectRows::projects);
  }

  public void setLastSync(String projectId, Instant when) {
    db.tx("recording the last sync", c -> {
      ProjectRows.setLastSync(c, projectId, when);
      return null;
    });
  }

  public void setOwnerAddresses(String projectId, List<String> addresses) {
    db.tx("recording the owner's addresses", c -> {
      ProjectRows.setOwnerAddresses(c, projectId, addresses);
      return null;
    });
  }

  /** Adds a member; doing so again is harmless and keeps the first added-at time. */
  public void addMember(String projectId, String nodeId) {
    db.tx("adding a member", c -> MemberRows.addMember(c, projectId, nodeId, Instant.now()));
  }

  public boolean isMember(String projectId, String nodeId) {
    return db.tx("checking membership", c -> MemberRows.isMember(c, projectId, nodeId));
  }

  /**
   * Records that member {@code nodeId} has applied {@code projectId} up to {@code sequence} (what
   * it sends as since); only ever raises the recorded value.
   */
  public void memberApplied(String projectId, String nodeId, long sequence) {
    db.tx("recording a member's sequence", c -> {
      MemberRows.applied(c, projectId, nodeId, sequence);
      return null;
    });
  }

  /**
   * The tombstone rule: a deletion is kept until every current member has applied it (its
   * sequence is at most each member's recorded sequence), then dropped. A member that never
   * pulls holds every later tombstone; revoking it releases them. Returns how many were dropped.
   */
  public int compactTombstones(String projectId) {
    return db.tx("compacting tombstones", c -> {
      int dropped = MemberRows.compactTombstones(c, projectId);
      if (dropped > 0) {
        fileRowsChanged(c, projectId);
      }
      return dropped;
    });
  }

  /** Member node ids in the order they joined. */
  public List<String> members(String projectId) {
    return db.tx("listing members", c -> MemberRows.members(c, projectId));
  }

  /** Stores an invite: a 32-byte secret hash, usable {@code uses} (at least 1) times until {@code expires}. */
  public void insertInvite(String projectId, byte[] secretHash, Instant expires, int uses) {
    db.tx("storing an invite", c -> {
      MemberRows.insertInvite(c, projectId, secretHash, expires, uses, Instant.now());
      return null;
    });
  }

  /**
   * Checks a presented secret's hash and, only if valid, uses it up by one and records
   * {@code memberNodeId} as a member, all in one transaction. A node that is already a member is
   * ACCEPTED without using up the invite again; a revoked node is REVOKED whatever it presents.
   */
  public InviteOutcome redeemInvite(String projectId, byte[] secretHash, String memberNodeId, Instant now) {
    return db.tx(
        "redeeming an invite",
        // The revocation check shares the transaction, so a revoke cannot slip in between.
        c -> AccessRows.isRevoked(c, projectId, memberNodeId)
            ? InviteOutcome.REVOKED
            : MemberRows.redeemInvite(c, projectId, secretHash, memberNodeId, now));
  }

  /** Members of a project with the time each joined, in the order they joined. */
  public List<MemberRecord> memberRecords(String projectId) {
    return db.tx("listing members", c -> AccessRows.memberRecords(c, projectId));
  }

  /**
   * Removes a member and remembers the revocation (so no invite admits it again); false if it
   * was not a member.
   */
  public boolean revokeMember(String projectId, String nodeId, Instant now) {
    return db.tx("revoking a member", c -> AccessRows.revokeMember(c, projectId, nodeId, now));
  }

  public boolean isRevoked(String projectId, String nodeId) {
    return db.tx("checking revocations", c -> AccessRows.isRevoked(c, projectId, nodeId));
  }

  /** Invites still redeemable at {@code now}. */
  public List<InviteRecord> liveInvites(String projectId, Instant now) {
    return db.tx("listing invites", c -> AccessRows.liveInvites(c, projectId, now));
  }

  /** Ends the invite whose id starts with {@code idPrefix}; returns how many matched (only 1 ends one). */
  public int endInvite(String projectId, String idPrefix) {
    return db.tx("ending an invite", c -> AccessRows.endInvite(c, projectId, idPrefix));
  }

  /** One entry (tombstones included), with its chunks. */
  public Optional<FileEntry> file(String projectId, String path) {
    return db.tx(
        "reading " + path, c -> FileRows.file(c, projectId, path).stream().findFirst());
  }

  /**
   * The sequence of the entry at {@code path}, or -1 if there is none: a one-row lookup that
   * tells whether an entry read earlier is still the current one, without reading its chunks.
   */
  public long fileSequence(String projectId, String path) {
    return db.tx("reading the sequence of " + path, c -> FileRows.sequence(c, projectId, path));
  }

  /** All entries of a project in path order, tombstones included, with chunks. */
  public List<FileEntry> files(String projectId) {
    return db.tx("reading the file list", c -> FileRows.files(c, projectId));
  }

  /**
   * Up to {@code limit} entries with sequence above {@code since}, by ascending sequence (then
   * path), with chunks.
   */
  public List<FileEntry> filesAfter(String projectId, long since, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    return db.tx("reading index changes", c -> FileRows.filesAfter(c, projectId, since, limit));
  }

  /**
   * Upserts entries (replacing each one's chunk list) and sets the project's sequence to
   * {@code newSequence}, in one transaction.
   */
  public void putFiles(String projectId, List<FileEntry> entries, long newSequence) {
    putFiles(projectId, entries, newSequence, Map.of());
  }

  /**
   * As {@link #putFiles(String, List, long)}, and records on the owner which file on disk each
   * entry was read from ({@code BasicFileAttributes.fileKey()}, by path). A path in
   * {@code fileKeys} without an entry only has its key replaced; a written entry without a key
   * loses any it had. Keys never travel: they mean something only on this machine.
   */
  public void putFiles(String projectId, List<FileEntry> entries, long newSequence, Map<String, String> fileKeys) {
    try {
      db.tx("updating the file list", c -> {
        // First, so that an unknown project fails before any file row is written.
        ProjectRows.setSequence(c, projectId, newSequence);
        KeptStates before = fileStates.get(projectId);
        fileRowsChanged(c, projectId);
        FileRows.putFiles(c, projectId, entries, fileKeys);
        if (before != null) {
          // Kept up to date rather than read again: a join writes a thousand files at a time,
          // a serving owner often one; applying the write costs far less than the query.
          before.apply(entries, fileKeys);
          fileStates.put(projectId, before);
          unsaved.add(projectId);
        }
        return null;
      });
    } catch (RuntimeException e) {
      fileStates.remove(projectId); // the commit may have failed after the states were applied
      throw e;
    }
  }

  /**
   * Every entry's metadata by path, tombstones included, without chunks. Nothing is read when
   * nothing was written since the last call; a new process reads the home's snapshot of them if
   * it is still valid ({@link FileStateSnapshots}), else one light query, after which it leaves
   * a snapshot for the next process (as {@link #close} does for states changed since). The map
   * is read-only and stays as it was when returned.
   */
  public Map<String, FileState> fileStates(String projectId) {
    KeptStates cached = fileStates.get(projectId);
    if (cached != null) {
      return cached.lend();
    }
    return db.tx("reading file states", c -> {
      String token = SettingRows.get(c, snapshotToken(projectId)).orElse(null);
      Map<String, FileState> read = token == null ? null : snapshots.read(projectId, token).orElse(null);
      if (read == null) {
        read = FileRows.fileStates(c, projectId);
        snapshots.write(projectId, snapshotTokenFor(c, projectId), read);
      }
      unsaved.remove(projectId);
      KeptStates kept = new KeptStates(read);
      fileStates.put(projectId, kept);
      return kept.lend();
    });
  }

  /** The file keys recorded by {@link #putFiles(String, List, long, Map)} for live entries, by path. */
  public Map<String, String> fileKeys(String projectId) {
    return db.tx("reading file keys", c -> FileRows.fileKeys(c, projectId));
  }

  /**
   * Where a chunk with this hash sits in a live file of the project, as far as the manifest knows:
   * the file on disk may have changed since, so the caller checks the bytes it reads.
   */
  public Optional<ChunkLocation> findChunk(String projectId, ChunkHash sha256) {
    return findChunks(projectId, sha256, 1).stream().findFirst();
  }

  /** Up to {@code limit} places of a chunk, for a caller that can try another when one fails. */
  public List<ChunkLocation> findChunks(String projectId, ChunkHash sha256, int limit) {
    return db.tx("looking up a chunk", c -> FileRows.findChunks(c, projectId, sha256, limit));
  }

  /** Live (non-deleted) files and their total bytes; directories are not counted. */
  public Totals totals(String projectId) {
    // From the file states (a fresh process reads their snapshot), not an aggregate query: a
    // cold status of 100,000 files spent 360 ms in H2's COUNT and SUM.
    long files = 0;
    long bytes = 0;
    for (FileState s : fileStates(projectId).values()) {
      if (s.liveFile()) {
        files++;
        bytes += s.size();
      }
    }
    return new Totals(files, bytes);
  }

  /** The member's partial transfer of {@code path}, with the offsets of its verified chunks. */
  public Optional<PartialTransfer> partialTransfer(String projectId, String path) {
    return db.tx("reading a partial transfer", c -> TransferRows.transfer(c, projectId, path));
  }

  /** Every partial transfer of the project, without chunk offsets: what a TTL sweep looks at. */
  public List<PartialTransfer> partialTransfers(String projectId) {
    return db.tx("listing partial transfers", c -> TransferRows.transfers(c, projectId));
  }

  /**
   * Records, in one transaction, chunks of {@code transfer} (its offsets are ignored) that are
   * verified and forced to its temp file. A transfer recorded for another entry of the same path
   * is replaced, since its chunks belong to bytes the owner no longer has.
   */
  public void recordVerifiedChunks(String projectId, PartialTransfer transfer, java.util.Collection<Long> offsets,
      Instant now) {
    db.tx("recording verified chunks", c -> {
      TransferRows.record(c, projectId, transfer, offsets, now);
      return null;
    });
  }

  /** Drops the partial transfers of {@code paths} (installed, or never to resume). */
  public void forgetTransfers(String projectId, java.util.Collection<String> paths) {
    db.tx("forgetting partial transfers", c -> {
      TransferRows.forget(c, projectId, paths);
      return null;
    });
  }

  /** File count and byte total of a project. */
  public record Totals(long files, long bytes) {}

  @Override
  public void close() {
    for (String projectId : unsaved) {
      try {
        saveSnapshot(projectId);
      } catch (RuntimeException e) {
        // Only a shortcut for the next process, which then reads the table.
      }
    }
    db.close();
  }

  /** Leaves the kept states of {@code projectId} in the home under the manifest's token. */
  private void saveSnapshot(String projectId) {
    db.tx("saving file states", c -> {
      KeptStates kept = fileStates.get(projectId);
      if (kept != null && unsaved.remove(projectId)) {
        snapshots.write(projectId, snapshotTokenFor(c, projectId), kept.lend());
      }
      return null;
    });
  }

  /** The project's snapshot token, made now if the last write dropped it. */
  private static String snapshotTokenFor(java.sql.Connection c, String projectId) throws java.sql.SQLException {
    String token = SettingRows.get(c, snapshotToken(projectId)).orElse(null);
    if (token == null) {
      token = java.util.UUID.randomUUID().toString();
      SettingRows.put(c, snapshotToken(projectId), token);
    }
    return token;
  }
}
