package io.serversidesync.sandbox.auth;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads the RSA key that verifies JWT assertions from a PEM certificate or public key. */
public final class PublicKeys {
  private PublicKeys() {}

  /** Accepts {@code -----BEGIN CERTIFICATE-----} or {@code -----BEGIN PUBLIC KEY-----} PEM. */
  public static RSAPublicKey fromPem(String pem) {
    try {
      PublicKey key;
      if (pem.contains("BEGIN CERTIFICATE")) {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        X509Certificate cert =
            (X509Certificate)
                cf.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        key = cert.getPublicKey();
      } else if (pem.contains("BEGIN PUBLIC KEY")) {
        String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        key =
            KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
      } else {
        throw new IllegalArgumentException(
            "the JWT key must be a PEM certificate (BEGIN CERTIFICATE) or public key (BEGIN PUBLIC"
                + " KEY)");
      }
      if (!(key instanceof RSAPublicKey rsa)) {
        throw new IllegalArgumentException(
            "the JWT key must be an RSA key (Salesforce signs with RS256), got "
                + key.getAlgorithm());
      }
      return rsa;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      if (e instanceof IllegalArgumentException iae
          && iae.getMessage() != null
          && iae.getMessage().startsWith("the JWT key")) {
        throw iae;
      }
      throw new IllegalArgumentException(
          "cannot read the JWT certificate/public key: " + e.getMessage(), e);
    }
  }
}
