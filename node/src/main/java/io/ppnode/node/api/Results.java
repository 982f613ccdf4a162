package io.ppnode.node.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the node's operations return: records made for the command line and the control channel
 * (Jackson writes them with snake_case names), never the wire records.
 */
public final class Results {
  private Results() {}

  /** {@code init}: the node's id and where it listens by default. */
  public record InitResult(@JsonProperty("node_id") String nodeId, String listen, boolean created) {}

  /** {@code share}: the project registered and its first scan. */
  public record ShareResult(
      @JsonProperty("project_id") String projectId, String name, String root, ScanResult scan) {}

  /** {@code scan}: what one scan of one project changed. */
  public record ScanResult(
      String project,
      @JsonProperty("files_changed") int filesChanged,
      @JsonProperty("files_deleted") int filesDeleted,
      @JsonProperty("bytes_hashed") long bytesHashed,
      long sequence,
      double seconds,
      @JsonProperty("case_collisions") java.util.List<String> caseCollisions) {}

  /** {@code invite}: the token, alone on stdout. */
  public record InviteResult(String token, @JsonProperty("expires_at") String expiresAt, int uses) {}

  /** {@code pull} and {@code join}: one project's sync. */
  public record PullResult(
      String project,
      @JsonProperty("files_updated") int filesUpdated,
      @JsonProperty("files_deleted") int filesDeleted,
      @JsonProperty("bytes_received") long bytesReceived,
      @JsonProperty("bytes_reused_locally") long bytesReusedLocally,
      double seconds,
      @JsonProperty("in_sync") boolean inSync) {}

  /** {@code status}: the node and each project it knows. */
  public record StatusResult(
      @JsonProperty("node_id") String nodeId,
      String listen,
      boolean serving,
      List<ProjectStatus> projects) {}

  /**
   * One project in {@code status}. {@code conflictCopies} are the local edits a pull kept aside
   * in a joined project's folder ({@code *.ppconflict-*}), relative paths found when asked;
   * always empty for an owned project.
   */
  public record ProjectStatus(
      @JsonProperty("project_id") String projectId,
      String name,
      String role,
      String root,
      long files,
      long bytes,
      long sequence,
      List<String> peers,
      @JsonProperty("last_sync") String lastSync,
      @JsonProperty("conflict_copies") List<String> conflictCopies) {}

  /** One member of an owned project, in {@code members}. */
  public record MemberView(@JsonProperty("node_id") String nodeId, @JsonProperty("added_at") String addedAt) {}

  /** {@code revoke}: who lost access and how many of its open connections were closed. */
  public record RevokeResult(
      String project,
      @JsonProperty("node_id") String nodeId,
      @JsonProperty("connections_closed") int connectionsClosed) {}

  /**
   * One live invite, in {@code invites}: its id is a short hex prefix of the stored secret hash,
   * enough to name it for {@code invite --revoke}, useless for joining.
   */
  public record InviteView(
      String id,
      @JsonProperty("expires_at") String expiresAt,
      @JsonProperty("uses_left") int usesLeft,
      @JsonProperty("created_at") String createdAt) {}

  /** {@code invite --revoke}: the invite that was ended. */
  public record InviteRevoked(String project, String id) {}

  /** One line of {@code ls}. */
  public record FileView(
      String path, String kind, long size, long mtime, String mode, String sha256, long sequence) {}
}
