package io.ppnode.node.control;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppnode.node.api.ExitCode;
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
import io.ppnode.node.api.Results.PullResult;
import io.ppnode.node.api.Results.ScanResult;
import io.ppnode.node.api.Results.ShareResult;
import io.ppnode.node.api.Results.StatusResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@link NodeApi} that forwards every call to the serving node holding the home, over its
 * control channel. Progress events are passed to the caller's listener as they arrive.
 */
public final class RemoteNode implements NodeApi {
  private final ControlFile control;

  private RemoteNode(ControlFile control) {
    this.control = control;
  }

  /** A client for the node serving {@code home}, if one answers; empty if none does. */
  public static Optional<NodeApi> connect(Path home) {
    Optional<ControlFile> f = ControlFile.read(home);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    RemoteNode r = new RemoteNode(f.get());
    try {
      r.call("ping", ControlProtocol.JSON.createObjectNode(), ProgressListener.NONE, new TypeReference<String>() {});
      return Optional.of(r);
    } catch (PpnodeException e) {
      return Optional.empty();
    }
  }

  private <T> T call(String op, ObjectNode args, ProgressListener progress, TypeReference<T> type) {
    ObjectNode req = ControlProtocol.JSON.createObjectNode();
    req.put("token", control.token()).put("op", op).set("args", args);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), control.port()), 2000);
      s.getOutputStream().write((ControlProtocol.JSON.writeValueAsString(req) + "\n").getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        JsonNode n = ControlProtocol.JSON.readTree(line);
        if (n.has("result")) {
          return ControlProtocol.JSON.convertValue(n.get("result"), type);
        }
        if (n.has("error")) {
          JsonNode e = n.get("error");
          throw new PpnodeException(ControlProtocol.exitCode(e.path("exit").asInt(4)), e.path("message").asText());
        }
        switch (n.path("event").asText()) {
          case "started" -> progress.started(n.path("project").asText(), n.path("files").asInt(), n.path("bytes").asLong());
          case "progress" -> progress.progress(n.path("files").asInt(), n.path("bytes").asLong());
          case "message" -> progress.message(n.path("line").asText());
          default -> { }
        }
      }
      throw new PpnodeException(ExitCode.ERROR, "the serving node closed the control channel without an answer");
    } catch (IOException e) {
      throw new PpnodeException(ExitCode.ERROR, "cannot talk to the serving node: " + e.getMessage(), e);
    }
  }

  private static ObjectNode args() {
    return ControlProtocol.JSON.createObjectNode();
  }

  @Override
  public InitResult init(Optional<String> listen) {
    return call("init", args().put("listen", listen.orElse(null)), ProgressListener.NONE, new TypeReference<>() {});
  }

  @Override
  public ShareResult share(Path dir, Optional<String> name) {
    return call("share", args().put("dir", dir.toAbsolutePath().toString()).put("name", name.orElse(null)),
        ProgressListener.NONE, new TypeReference<>() {});
  }

  @Override
  public InviteResult invite(String project, Duration expires, int uses, List<String> addresses) {
    ObjectNode a = args().put("project", project).put("expires_seconds", expires.toSeconds()).put("uses", uses);
    addresses.forEach(a.putArray("addresses")::add);
    return call("invite", a, ProgressListener.NONE, new TypeReference<>() {});
  }

  @Override
  public List<ScanResult> scan(Optional<String> project) {
    return call("scan", args().put("project", project.orElse(null)), ProgressListener.NONE, new TypeReference<>() {});
  }

  @Override
  public PullResult join(String invite, Path dir, ProgressListener progress) {
    return call("join", args().put("invite", invite).put("dir", dir.toAbsolutePath().toString()), progress,
        new TypeReference<>() {});
  }

  @Override
  public List<PullResult> pull(Optional<String> project, ProgressListener progress) {
    return call("pull", args().put("project", project.orElse(null)), progress, new TypeReference<>() {});
  }

  @Override
  public StatusResult status() {
    return call("status", args(), ProgressListener.NONE, new TypeReference<>() {});
  }

  @Override
  public List<FileView> ls(String project) {
    return call("ls", args().put("project", project), ProgressListener.NONE, new TypeReference<>() {});
  }

  @Override
  public List<MemberView> members(String project) {
    return call("members", args().put("project", project), ProgressListener.NONE, new TypeReference<>() {});
  }

  @Override
  public RevokeResult revoke(String project, String nodeId) {
    return call("revoke", args().put("project", project).put("node_id", nodeId), ProgressListener.NONE,
        new TypeReference<>() {});
  }

  @Override
  public List<InviteView> invites(String project) {
    return call("invites", args().put("project", project), ProgressListener.NONE, new TypeReference<>() {});
  }

  @Override
  public InviteRevoked revokeInvite(String project, String inviteId) {
    return call("revoke_invite", args().put("project", project).put("invite_id", inviteId), ProgressListener.NONE,
        new TypeReference<>() {});
  }

  @Override
  public void close() {
    // Each call has its own connection; nothing stays open.
  }
}
