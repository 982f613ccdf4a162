package io.ppnode.node;

import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.Results.InviteRevoked;
import io.ppnode.node.api.Results.InviteView;
import io.ppnode.node.api.Results.MemberView;
import io.ppnode.node.api.Results.RevokeResult;
import io.ppnode.node.identity.NodeId;
import io.ppnode.node.manifest.InviteRecord;
import io.ppnode.node.manifest.MemberRecord;
import io.ppnode.node.manifest.ProjectRecord;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The owner's control over who gets in: list and revoke members, list and end invites. Revoking
 * acts at once: the manifest forgets the member, the owner's membership cache is cleared, and
 * the node's open connections are closed, so its next request meets a fresh check and is refused.
 */
final class Access {
  private final NodeContext ctx;
  private final Function<String, ProjectRecord> owned;

  /** {@code owned} resolves a project name or id to a project this node owns, or throws. */
  Access(NodeContext ctx, Function<String, ProjectRecord> owned) {
    this.ctx = ctx;
    this.owned = owned;
  }

  List<MemberView> members(String project) {
    ProjectRecord p = owned.apply(project);
    return ctx.manifest.memberRecords(p.id()).stream()
        .map((MemberRecord m) -> new MemberView(m.nodeId(), m.addedAt().toString()))
        .toList();
  }

  RevokeResult revoke(String project, String nodeId) {
    ProjectRecord p = owned.apply(project);
    String id;
    try {
      // Members are stored by their printed id; accept any spelling NodeId.parse accepts.
      id = NodeId.parse(nodeId).toString();
    } catch (IllegalArgumentException e) {
      throw PpnodeException.usage("not a node id: " + nodeId + " (" + e.getMessage() + ")");
    }
    if (!ctx.manifest.revokeMember(p.id(), id, ctx.clock.instant())) {
      throw PpnodeException.usage("node " + id + " is not a member of project " + p.name());
    }
    // Order matters: the manifest first, then the cache, then the connections, so a request
    // arriving on a new connection can only see the revoked state.
    ctx.owner.memberRevoked(p.id(), id);
    int closed = ctx.disconnect(id);
    return new RevokeResult(p.name(), id, closed);
  }

  List<InviteView> invites(String project) {
    ProjectRecord p = owned.apply(project);
    return ctx.manifest.liveInvites(p.id(), ctx.clock.instant()).stream()
        .map((InviteRecord i) -> new InviteView(i.id(), i.expiresAt().toString(), i.usesLeft(),
            i.createdAt().toString()))
        .toList();
  }

  InviteRevoked revokeInvite(String project, String inviteId) {
    ProjectRecord p = owned.apply(project);
    String prefix = inviteId.trim().toLowerCase(Locale.ROOT);
    if (!prefix.matches("[0-9a-f]{4,64}")) {
      throw PpnodeException.usage("an invite id is 4 to 64 hex characters, as `ppnode invites "
          + p.name() + "` shows; got " + inviteId);
    }
    int matched = ctx.manifest.endInvite(p.id(), prefix);
    if (matched == 0) {
      throw PpnodeException.usage("project " + p.name() + " has no invite " + inviteId);
    }
    if (matched > 1) {
      throw PpnodeException.usage(matched + " invites of project " + p.name() + " start with " + inviteId
          + "; give more characters");
    }
    return new InviteRevoked(p.name(), prefix);
  }
}
