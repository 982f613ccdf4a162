package io.ppnode.node.net;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the JIT to compile the JDK's AES-GCM and SHA-256 onto their CPU intrinsics before bulk
 * data flows. Until C2 compiles them they run as interpreted Java at 15-90 MB/s; measured here,
 * the first ~300 MB of a cold transfer crawled while both JVMs warmed up. A few thousand small
 * operations (~0.5 s of one core, in the background while the node connects) trigger the same
 * compilations, after which TLS runs at ~1.8 GB/s from its first megabyte.
 */
final class CryptoWarmup {
  private static final Logger log = LoggerFactory.getLogger(CryptoWarmup.class);
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  /** Enough calls for C2 to compile GHASH, AES-CTR and SHA-256, measured on JDK 17. */
  static final int ROUNDS = 4000;
  private static final int RECORD = 512;

  private CryptoWarmup() {}

  static void startInBackground() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(CryptoWarmup::run, "ppnode-crypto-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  static void run() {
    long start = System.nanoTime();
    try {
      SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer plain = ByteBuffer.allocate(RECORD);
      ByteBuffer sealed = ByteBuffer.allocate(RECORD + 16);
      ByteBuffer opened = ByteBuffer.allocate(RECORD + 16);
      byte[] iv = new byte[12];
      for (int i = 0; i < ROUNDS; i++) {
        // A fresh IV per round, as TLS uses one per record (GCM refuses a repeated key+IV).
        iv[0] = (byte) i;
        iv[1] = (byte) (i >> 8);
        GCMParameterSpec spec = new GCMParameterSpec(128, iv);
        Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
        enc.init(Cipher.ENCRYPT_MODE, key, spec);
        plain.clear();
        sealed.clear();
        enc.doFinal(plain, sealed);
        Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
        dec.init(Cipher.DECRYPT_MODE, key, spec);
        sealed.flip();
        opened.clear();
        dec.doFinal(sealed, opened);
        plain.clear();
        sha.update(plain);
      }
      sha.digest();
      log.debug("crypto warm-up took {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (GeneralSecurityException e) {
      log.debug("crypto warm-up skipped: {}", e.getMessage());
    }
  }
}
