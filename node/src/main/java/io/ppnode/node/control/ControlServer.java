package io.ppnode.node.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ppnode.node.api.ExitCode;
import io.ppnode.node.api.NodeApi;
import io.ppnode.node.api.PpnodeException;
import io.ppnode.node.api.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving node's control channel: a loopback socket on which other ppnode commands for the
 * same home ask the node to act for them, since only one process may hold the manifest. One
 * JSON request line in; progress lines and one result or error line out. See
 * {@link ControlProtocol}.
 */
public final class ControlServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
  private static final ObjectMapper JSON = ControlProtocol.JSON;
  private final Path home;
  private final NodeApi api;
  private final ServerSocket server;
  private final String token;
  private final Thread acceptor;

  public ControlServer(Path home, NodeApi api) throws IOException {
    this.home = home;
    this.api = api;
    this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    byte[] t = new byte[32];
    new SecureRandom().nextBytes(t);
    this.token = HexFormat.of().formatHex(t);
    new ControlFile(server.getLocalPort(), token, ProcessHandle.current().pid()).write(home);
    this.acceptor = new Thread(this::acceptLoop, "ppnode-control");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> handle(s), "ppnode-control-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.warn("control channel: {}", e.getMessage());
        }
      }
    }
  }

  private void handle(Socket s) {
    try (s) {
      s.setSoTimeout(30_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      String line = in.readLine();
      if (line == null || line.length() > ControlProtocol.MAX_REQUEST_CHARS) {
        return;
      }
      s.setSoTimeout(0);
      JsonNode req = JSON.readTree(line);
      if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
          req.path("token").asText("").getBytes(StandardCharsets.UTF_8))) {
        send(out, ControlProtocol.error(ExitCode.USAGE, "control channel: wrong token"));
        return;
      }
      ProgressListener progress = new ProgressListener() {
        @Override
        public void started(String project, int files, long bytes) {
          trySend(out, ControlProtocol.event("started").put("project", project).put("files", files).put("bytes", bytes));
        }

        @Override
        public void progress(int filesDone, long bytesDone) {
          trySend(out, ControlProtocol.event("progress").put("files", filesDone).put("bytes", bytesDone));
        }

        @Override
        public void message(String m) {
          trySend(out, ControlProtocol.event("message").put("line", m));
        }
      };
      ObjectNode answer;
      try {
        Object result = ControlProtocol.dispatch(api, req.path("op").asText(), req.path("args"), progress);
        answer = JSON.createObjectNode();
        answer.set("result", JSON.valueToTree(result));
      } catch (PpnodeException e) {
        answer = ControlProtocol.error(e.exitCode(), e.getMessage());
      } catch (RuntimeException e) {
        log.error("control request failed", e);
        answer = ControlProtocol.error(ExitCode.INTERNAL, "internal error in the serving node: " + e);
      }
      send(out, answer);
    } catch (IOException e) {
      log.debug("control connection: {}", e.getMessage());
    }
  }

  private static void trySend(OutputStream out, ObjectNode n) {
    try {
      send(out, n);
    } catch (IOException e) {
      // The command went away; the operation still completes in the node.
    }
  }

  private static void send(OutputStream out, ObjectNode n) throws IOException {
    synchronized (out) {
      out.write((JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  @Override
  public void close() {
    ControlFile.delete(home);
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing a listening socket; nothing to recover.
    }
  }
}
