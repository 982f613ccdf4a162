package io.ppnode.node;

import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import io.ppnode.node.api.Results.FileView;
import io.ppnode.node.api.Results.InitResult;
import io.ppnode.node.api.Results.InviteResult;
import io.ppnode.node.api.Results.InviteRevoked;
import io.ppnode.node.api.Results.InviteView;
import io.ppnode.node.api.Results.MemberView;
import io.ppnode.node.api.Results.RevokeResult;
import io.ppnode.node.api.Results.ProjectStatus;
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.api.Results.ScanResult;
import io.ppnode.node.api.Results.ShareResult;
import io.ppnode.node.api.Results.StatusResult;
import io.ppnode.node.identity.ProjectIds;
import io.ppnode.node.invite.Invite;
import io.ppnode.node.invite.InviteCodec;
import io.ppnode.node.invite.Secret;
import io.ppnode.node.manifest.FileState;
import io.ppnode.node.manifest.Manifest;
import io.ppnode.node.manifest.ProjectRecord;
import io.ppnode.node.manifest.Role;
import io.ppnode.node.manifest.StoredIdentity;
import io.ppnode.node.net.HostPort;
import io.ppnode.node.scan.Scanner;
import io.ppnode.node.transfer.ConflictCopies;
import io.ppnode.protocol.FileEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's operations on a home this process holds: the {@link NodeApi} every command calls,
 * directly or through a serving node's control channel. Member transfers live in
 * {@link Membership}.
 */
public final class LocalNode implements NodeApi {
  private final NodeContext ctx;
  private final boolean ownsContext;
  private final Membership membership;
  private final Access access;

  LocalNode(NodeContext ctx, boolean ownsContext) {
    this.ctx = ctx;
    this.ownsContext = ownsContext;
    this.membership = new Membership(ctx);
    this.access = new Access(ctx, this::owned);
  }

  /** Opens {@code home} in this process; fails with a clear error if another process holds it. */
  public static LocalNode open(Path home) {
    return new LocalNode(NodeContext.open(home), true);
  }

  @Override
  public InitResult init(Optional<String> listen) {
    boolean created = !ctx.hasIdentity();
    ctx.identity();
    listen.ifPresent(l -> {
      HostPort.parse(l);
      ctx.manifest.setListen(l);
    });
    return new InitResult(ctx.identity().id().toString(), ctx.listen(), created);
  }

  @Override
  public ShareResult share(Path dir, Optional<String> name) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw PpnodeException.usage("not a directory: " + dir);
    }
    for (ProjectRecord p : ctx.manifest.projects()) {
      if (p.root().equals(root)) {
        throw PpnodeException.usage(root + " is already " + (p.role() == Role.OWNER ? "shared" : "joined") + " as project " + p.name());
      }
    }
    String projectName = name.orElse(root.getFileName() == null ? "project" : root.getFileName().toString());
    if (ctx.manifest.project(projectName).isPresent()) {
      throw PpnodeException.usage("a project named " + projectName + " already exists in this home; pick another --name");
    }
    ProjectRecord p = new ProjectRecord(ProjectIds.newId(), projectName, Role.OWNER, root,
        ctx.identity().id().toString(), List.of(), 0, null);
    ctx.manifest.insertProject(p);
    ShareResult shared = new ShareResult(p.id(), p.name(), root.toString(), scanOne(p));
    ctx.projectsChanged();
    return shared;
  }

  @Override
  public InviteResult invite(String project, Duration expires, int uses, List<String> addresses) {
    ProjectRecord p = owned(project);
    if (uses < 1) {
      throw PpnodeException.usage("--uses must be at least 1");
    }
    if (expires.isNegative() || expires.isZero()) {
      throw PpnodeException.usage("--expires must be positive");
    }
    List<String> hints = new ArrayList<>();
    for (String a : addresses.isEmpty() ? Addresses.advertised(ctx) : addresses) {
      try {
        hints.add(HostPort.parse(a).toString());
      } catch (IllegalArgumentException e) {
        throw PpnodeException.usage(e.getMessage());
      }
    }
    Secret secret = Secret.random();
    Instant until = ctx.clock.instant().plus(expires);
    ctx.manifest.insertInvite(p.id(), secret.hash(), until, uses);
    String token = InviteCodec.encode(
        new Invite(p.id(), ctx.identity().id(), hints, secret, until, ctx.manifest.relays()));
    return new InviteResult(token, until.toString(), uses);
  }

  @Override
  public List<ScanResult> scan(Optional<String> project) {
    List<ScanResult> out = new ArrayList<>();
    if (project.isPresent()) {
      out.add(scanOne(owned(project.get())));
    } else {
      for (ProjectRecord p : ctx.manifest.projects()) {
        if (p.role() == Role.OWNER) {
          out.add(scanOne(p));
        }
      }
    }
    return out;
  }

  private ScanResult scanOne(ProjectRecord p) {
    if (!Files.isDirectory(p.root())) {
      throw PpnodeException.error("the folder of project " + p.name() + " is gone: " + p.root());
    }
    long start = System.nanoTime();
    Scanner.Outcome o = new Scanner(ctx.entrySigner()).scan(ctx.manifest, p);
    ctx.manifest.compactTombstones(p.id());
    ctx.owner.projectChanged(p.id());
    ctx.manifest.setLastSync(p.id(), ctx.clock.instant());
    return new ScanResult(p.name(), o.changed(), o.deleted(), o.bytesHashed(), o.sequence(), (System.nanoTime() - start) / 1e9,
        o.caseCollisions());
  }

  @Override
  public PullResult join(String invite, Path dir, ProgressListener progress) {
    PullResult joined = membership.join(invite, dir, progress);
    ctx.projectsChanged();
    return joined;
  }

  @Override
  public List<PullResult> pull(Optional<String> project, ProgressListener progress) {
    return membership.pull(project, progress);
  }

  @Override
  public StatusResult status() {
    String nodeId = ctx.manifest.identity().map(StoredIdentity::nodeId).orElse(null);
    List<ProjectStatus> projects = new ArrayList<>();
    for (ProjectRecord p : ctx.manifest.projects()) {
      Manifest.Totals t = ctx.manifest.totals(p.id());
      List<String> peers = p.role() == Role.OWNER ? ctx.manifest.members(p.id()) : List.of(p.ownerNodeId());
      // Only a member's pulls make conflict copies; an owner's folder is not walked for them.
      List<String> conflicts = p.role() == Role.OWNER ? List.of() : conflictCopies(p);
      projects.add(new ProjectStatus(p.id(), p.name(), p.role().name().toLowerCase(), p.root().toString(),
          t.files(), t.bytes(), p.sequence(), peers, p.lastSync() == null ? null : p.lastSync().toString(),
          conflicts));
    }
    String listen = ctx.serving() != null ? HostPort.of(ctx.serving()).toString() : nodeId == null ? null : ctx.listen();
    return new StatusResult(nodeId, listen, ctx.serving() != null, projects);
  }

  /** A member's conflict copies; the files it holds as synced need no stat to be passed over. */
  private List<String> conflictCopies(ProjectRecord p) {
    Map<String, FileState> states = ctx.manifest.fileStates(p.id());
    return ConflictCopies.find(p.root(), path -> {
      FileState s = states.get(path);
      return s != null && s.liveFile();
    });
  }

  @Override
  public List<FileView> ls(String project) {
    ProjectRecord p = project(project);
    List<FileView> out = new ArrayList<>();
    for (FileEntry e : ctx.manifest.files(p.id())) {
      if (!e.deleted()) {
        out.add(new FileView(e.path(), e.kind() == FileEntry.Kind.DIRECTORY ? "dir" : "file", e.size(), e.mtime(),
            String.format("%04o", e.mode()), e.sha256() == null ? null : e.sha256().hex(), e.sequence()));
      }
    }
    return out;
  }

  @Override
  public List<MemberView> members(String project) {
    return access.members(project);
  }

  @Override
  public RevokeResult revoke(String project, String nodeId) {
    return access.revoke(project, nodeId);
  }

  @Override
  public List<InviteView> invites(String project) {
    return access.invites(project);
  }

  @Override
  public InviteRevoked revokeInvite(String project, String inviteId) {
    return access.revokeInvite(project, inviteId);
  }

  ProjectRecord project(String idOrName) {
    return ctx.manifest.project(idOrName)
        .orElseThrow(() -> PpnodeException.usage("no project " + idOrName + " in this home"));
  }

  /** One round of following a joined project: see {@link Membership#follow}. */
  void follow(String projectId) {
    membership.follow(projectId);
  }

  private ProjectRecord owned(String idOrName) {
    ProjectRecord p = project(idOrName);
    if (p.role() != Role.OWNER) {
      throw PpnodeException.usage("project " + p.name() + " is joined, not shared, by this node");
    }
    return p;
  }

  @Override
  public void close() {
    if (ownsContext) {
      ctx.close();
    }
  }
}
