package io.serversidesync.runner.destination.salesforce.auth;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RSA private key from PEM: PKCS#8 ({@code BEGIN PRIVATE KEY}, what {@code openssl
 * genpkey} writes) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, older {@code openssl genrsa}).
 * Encrypted keys are refused: the runner has nowhere to keep a passphrase that the Secret would not
 * hold anyway.
 */
final class PemPrivateKey {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----", Pattern.DOTALL);

  /** ASN.1 prefix of a PKCS#8 PrivateKeyInfo for rsaEncryption, up to the key octets. */
  private static final byte[] RSA_ALGORITHM_IDENTIFIER = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private PemPrivateKey() {}

  /** A key that could not be read; the message says why without quoting the key. */
  static final class UnreadableKeyException extends Exception {
    UnreadableKeyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static PrivateKey parse(String pem) throws UnreadableKeyException {
    Matcher matcher = BLOCK.matcher(pem);
    if (!matcher.find()) {
      throw new UnreadableKeyException(
          "it is not PEM (expected a -----BEGIN PRIVATE KEY----- block)", null);
    }
    String type = matcher.group(1);
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(matcher.group(2).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new UnreadableKeyException("its PEM body is not valid base64", e);
    }
    byte[] pkcs8 =
        switch (type) {
          case "PRIVATE KEY" -> der;
          case "RSA PRIVATE KEY" -> wrapPkcs1(der);
          case "ENCRYPTED PRIVATE KEY" ->
              throw new UnreadableKeyException(
                  "it is encrypted; store it unencrypted (openssl pkcs8 -topk8 -nocrypt)", null);
          default ->
              throw new UnreadableKeyException("it is a PEM " + type + ", not a private key", null);
        };
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new UnreadableKeyException("it is not an RSA private key (" + e.getMessage() + ")", e);
    }
  }

  /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo {version 0, rsaEncryption, key}. */
  private static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0x02, 0x01, 0x00});
    body.writeBytes(RSA_ALGORITHM_IDENTIFIER);
    body.write(0x04);
    writeLength(body, pkcs1.length);
    body.writeBytes(pkcs1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x30);
    writeLength(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
    out.write(0x80 | bytes);
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((length >>> (8 * i)) & 0xff);
    }
  }
}
