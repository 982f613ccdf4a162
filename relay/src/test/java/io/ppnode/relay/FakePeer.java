package io.ppnode.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.ppnode.protocol.relay.RelayFrame;
import io.ppnode.protocol.relay.RelayFrameCodec;
import io.ppnode.protocol.relay.RelayWire;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;

/**
 * A scripted relay client on a blocking socket: writes and reads control frames, then raw bytes
 * once spliced. Every read has a timeout so a test cannot hang.
 */
final class FakePeer implements AutoCloseable {
  final Socket socket;
  private final DataInputStream in;

  FakePeer(InetSocketAddress relay) throws IOException {
    socket = new Socket();
    socket.connect(relay, 5000);
    socket.setSoTimeout(5000);
    in = new DataInputStream(socket.getInputStream());
  }

  void send(RelayFrame frame) throws IOException {
    ByteBuf buf = Unpooled.buffer();
    RelayFrameCodec.encode(frame, buf);
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    buf.release();
    raw(bytes);
  }

  void raw(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  RelayFrame read() throws IOException {
    int length = in.readUnsignedShort();
    byte[] body = new byte[length];
    in.readFully(body);
    ByteBuf buf = Unpooled.wrappedBuffer(body);
    try {
      return RelayFrameCodec.decode(buf);
    } finally {
      buf.release();
    }
  }

  byte[] readRaw(int n) throws IOException {
    byte[] out = new byte[n];
    in.readFully(out);
    return out;
  }

  /** True once the relay has closed the connection (EOF or reset) within the socket timeout. */
  boolean closedByRelay() {
    try {
      while (in.read() >= 0) {
        // Drain a REFUSED frame or anything else the relay sent before closing.
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static KeyPair newKey() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  static byte[] idOf(KeyPair key) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded());
  }

  static byte[] sign(PrivateKey key, byte[] challenge) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key);
    s.update(RelayWire.registerMessage(challenge));
    return s.sign();
  }

  /** Runs the whole registration for {@code key}; returns the relay's answer to the proof. */
  RelayFrame register(KeyPair key) throws Exception {
    send(new RelayFrame.Register(RelayWire.VERSION, idOf(key)));
    RelayFrame.Challenge c = (RelayFrame.Challenge) read();
    send(new RelayFrame.Proof(key.getPublic().getEncoded(), sign(key.getPrivate(), c.nonce())));
    return read();
  }
}
