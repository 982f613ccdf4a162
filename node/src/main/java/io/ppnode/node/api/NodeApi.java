package io.ppnode.node.api;

import io.ppnode.node.api.Results.FileView;
import io.ppnode.node.api.Results.InitResult;
import io.ppnode.node.api.Results.InviteRevoked;
import io.ppnode.node.api.Results.InviteView;
import io.ppnode.node.api.Results.MemberView;
import io.ppnode.node.api.Results.RevokeResult;
import io.ppnode.node.api.Results.InviteResult;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.api.Results.ScanResult;
import io.ppnode.node.api.Results.ShareResult;
import io.ppnode.node.api.Results.StatusResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a command can ask of a node's home. Implemented by the local node (which opens the
 * home's manifest itself) and by a control-channel client that forwards each call to the
 * {@code serve} process already holding the home, so every command works while a node serves.
 * Failures the user should see are {@link PpnodeException}s.
 */
public interface NodeApi extends AutoCloseable {
  InitResult init(Optional<String> listen);

  ShareResult share(Path dir, Optional<String> name);

  InviteResult invite(String project, Duration expires, int uses, List<String> addresses);

  List<ScanResult> scan(Optional<String> project);

  PullResult join(String invite, Path dir, ProgressListener progress);

  List<PullResult> pull(Optional<String> project, ProgressListener progress);

  StatusResult status();

  List<FileView> ls(String project);

  /** Members of a project this node owns. */
  List<MemberView> members(String project);

  /**
   * Revokes a member at once: it is removed, its open connections to this node are closed, and
   * no invite lets it join again.
   */
  RevokeResult revoke(String project, String nodeId);

  /** Invites of an owned project that can still be redeemed. */
  List<InviteView> invites(String project);

  /** Ends one invite, named by its id or a unique prefix of it. */
  InviteRevoked revokeInvite(String project, String inviteId);

  @Override
  void close();
}
