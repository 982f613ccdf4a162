package io.ppnode.node.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real TLS 1.3 handshakes between two nodes over loopback sockets. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsHandshakeTest {
  private static final int SOCKET_TIMEOUT_MS = 10_000;

  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** What the server saw: the session after its handshake and the byte it read. */
  private record ServerSide(SSLSession session, int read) {}

  private SSLServerSocket listen(SSLContext context) throws IOException {
    SSLServerSocket server =
        (SSLServerSocket)
            context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    server.setSSLParameters(TlsContexts.parameters(true));
    server.setSoTimeout(SOCKET_TIMEOUT_MS);
    return server;
  }

  private Future<ServerSide> acceptOne(SSLServerSocket server) {
    return executor.submit(() -> {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.setSoTimeout(SOCKET_TIMEOUT_MS);
        socket.startHandshake();
        int read = socket.getInputStream().read();
        socket.getOutputStream().write(read + 1);
        socket.getOutputStream().flush();
        return new ServerSide(socket.getSession(), read);
      }
    });
  }

  private SSLSocket connect(SSLContext context, int port) throws IOException {
    SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"), port);
    socket.setSoTimeout(SOCKET_TIMEOUT_MS);
    socket.setSSLParameters(TlsContexts.parameters(false));
    return socket;
  }

  @Test
  void twoNodesAuthenticateEachOther() throws Exception {
    Identity serverId = Identity.generate();
    Identity clientId = Identity.generate();
    try (SSLServerSocket server = listen(TlsContexts.create(serverId))) {
      Future<ServerSide> accepted = acceptOne(server);
      try (SSLSocket client = connect(TlsContexts.create(clientId), server.getLocalPort())) {
        client.startHandshake();
        client.getOutputStream().write(41);
        client.getOutputStream().flush();
        assertEquals(42, client.getInputStream().read());

        SSLSession session = client.getSession();
        assertEquals(serverId.id(), TlsContexts.peerId(session));
        assertEquals("TLSv1.3", session.getProtocol());
        assertTrue(Arrays.asList(TlsContexts.CIPHER_SUITES).contains(session.getCipherSuite()),
            session.getCipherSuite());
      }
      ServerSide seen = accepted.get(20, TimeUnit.SECONDS);
      assertEquals(41, seen.read());
      assertEquals(clientId.id(), TlsContexts.peerId(seen.session()));
      assertEquals("TLSv1.3", seen.session().getProtocol());
    }
  }

  @Test
  void clientWithRsaCertificateIsRefused() throws Exception {
    KeyPair rsa = TestCerts.rsa();
    Throwable why = assertClientRefused(contextWith(rsa, TestCerts.selfSigned(rsa, "SHA256withRSA")));
    assertRefusedByTrustManager(why);
  }

  @Test
  void clientWithEcdsaCertificateIsRefused() throws Exception {
    KeyPair ec = TestCerts.ecdsa();
    Throwable why = assertClientRefused(contextWith(ec, TestCerts.selfSigned(ec, "SHA256withECDSA")));
    assertRefusedByTrustManager(why);
  }

  @Test
  void clientWithoutCertificateIsRefused() throws Exception {
    SSLContext anonymous = SSLContext.getInstance("TLSv1.3", "SunJSSE");
    anonymous.init(null, new TrustManager[] {new SelfSignedEd25519TrustManager()}, null);
    assertClientRefused(anonymous);
  }

  /** An eavesdropper's best hope is an older TLS; a node offers 1.3 only, even to a valid key. */
  @Test
  void aTls12ClientIsRefusedEvenWithAValidNodeKey() throws Exception {
    try (SSLServerSocket server = listen(TlsContexts.create(Identity.generate()))) {
      Future<ServerSide> accepted = acceptOne(server);
      try (SSLSocket client = (SSLSocket) TlsContexts.create(Identity.generate()).getSocketFactory()
          .createSocket(InetAddress.getByName("127.0.0.1"), server.getLocalPort())) {
        client.setSoTimeout(SOCKET_TIMEOUT_MS);
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        assertThrows(SSLException.class, client::startHandshake);
      }
      ExecutionException e = assertThrows(ExecutionException.class, () -> accepted.get(20, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof SSLException, String.valueOf(e.getCause()));
    }
  }

  @Test
  void serverWithRsaCertificateIsRefusedByTheClient() throws Exception {
    KeyPair rsa = TestCerts.rsa();
    SSLContext rsaServer = contextWith(rsa, TestCerts.selfSigned(rsa, "SHA256withRSA"));
    try (SSLServerSocket server = listen(rsaServer)) {
      Future<ServerSide> accepted = acceptOne(server);
      try (SSLSocket client = connect(TlsContexts.create(Identity.generate()), server.getLocalPort())) {
        assertThrows(SSLException.class, client::startHandshake);
      }
      assertThrows(ExecutionException.class, () -> accepted.get(20, TimeUnit.SECONDS));
    }
  }

  /**
   * In TLS 1.3 the client finishes its handshake before the server has judged the client's
   * certificate, so the client may only learn of the refusal on its first read.
   */
  private Throwable assertClientRefused(SSLContext clientContext) throws Exception {
    try (SSLServerSocket server = listen(TlsContexts.create(Identity.generate()))) {
      Future<ServerSide> accepted = acceptOne(server);
      try (SSLSocket client = connect(clientContext, server.getLocalPort())) {
        assertThrows(IOException.class, () -> {
          client.startHandshake();
          client.getOutputStream().write(1);
          client.getOutputStream().flush();
          if (client.getInputStream().read() == -1) {
            throw new IOException("closed by server");
          }
        });
      }
      ExecutionException e = assertThrows(ExecutionException.class, () -> accepted.get(20, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof SSLException, String.valueOf(e.getCause()));
      return e.getCause();
    }
  }

  /** The client did send its certificate and our trust manager, not something else, said no. */
  private static void assertRefusedByTrustManager(Throwable serverError) {
    for (Throwable t = serverError; t != null; t = t.getCause()) {
      if (t instanceof CertificateException && String.valueOf(t.getMessage()).contains("not Ed25519")) {
        return;
      }
    }
    throw new AssertionError("refused for another reason", serverError);
  }

  /** A context presenting an arbitrary certificate but otherwise trusting like a node. */
  private static SSLContext contextWith(KeyPair pair, X509Certificate cert) throws Exception {
    char[] password = "test".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("k", pair.getPrivate(), password, new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(store, password);
    SSLContext context = SSLContext.getInstance("TLSv1.3", "SunJSSE");
    context.init(kmf.getKeyManagers(), new TrustManager[] {new SelfSignedEd25519TrustManager()}, null);
    return context;
  }
}
