package io.ppnode.node.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppnode.node.api.ExitCode;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The control channel's messages, one JSON object per line:
 * <pre>
 * request:  {"token": T, "op": "pull", "args": {"project": "p"}}
 * events:   {"event": "started"|"progress"|"message", ...}
 * answer:   {"result": ...}  or  {"error": {"exit": 2, "message": "..."}}
 * </pre>
 * Ops are the {@link NodeApi} methods by name; args carry their parameters.
 */
final class ControlProtocol {
  static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  static final int MAX_REQUEST_CHARS = 1 << 20;

  private ControlProtocol() {}

  static ObjectNode event(String kind) {
    ObjectNode n = JSON.createObjectNode();
    n.put("event", kind);
    return n;
  }

  static ObjectNode error(ExitCode code, String message) {
    ObjectNode n = JSON.createObjectNode();
    n.putObject("error").put("exit", code.code()).put("message", message);
    return n;
  }

  static ExitCode exitCode(int code) {
    for (ExitCode c : ExitCode.values()) {
      if (c.code() == code) {
        return c;
      }
    }
    return ExitCode.INTERNAL;
  }

  /** Runs one request against the node that holds the home. */
  static Object dispatch(NodeApi api, String op, JsonNode a, ProgressListener progress) {
    switch (op) {
      case "ping":
        return "pong";
      case "init":
        return api.init(opt(a, "listen"));
      case "share":
        return api.share(Path.of(a.path("dir").asText()), opt(a, "name"));
      case "invite":
        return api.invite(a.path("project").asText(), Duration.ofSeconds(a.path("expires_seconds").asLong()),
            a.path("uses").asInt(1), strings(a.path("addresses")));
      case "scan":
        return api.scan(opt(a, "project"));
      case "join":
        return api.join(a.path("invite").asText(), Path.of(a.path("dir").asText()), progress);
      case "pull":
        return api.pull(opt(a, "project"), progress);
      case "status":
        return api.status();
      case "ls":
        return api.ls(a.path("project").asText());
      case "members":
        return api.members(a.path("project").asText());
      case "revoke":
        return api.revoke(a.path("project").asText(), a.path("node_id").asText());
      case "invites":
        return api.invites(a.path("project").asText());
      case "revoke_invite":
        return api.revokeInvite(a.path("project").asText(), a.path("invite_id").asText());
      default:
        throw PpnodeException.usage("control channel: unknown operation " + op);
    }
  }

  private static Optional<String> opt(JsonNode a, String field) {
    JsonNode v = a.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
  }

  private static List<String> strings(JsonNode arr) {
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }
}
