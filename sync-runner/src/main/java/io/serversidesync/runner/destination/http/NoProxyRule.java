package io.serversidesync.runner.destination.http;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * One entry of NO_PROXY: {@code *} (every host), a host or domain ({@code example.com} and {@code
 * .example.com} both match the domain and its subdomains), an IP address, or an IP range in CIDR
 * form ({@code 10.0.0.0/8}). A port after the host is ignored, as curl does.
 */
record NoProxyRule(String domain, byte[] network, int prefixBits) {

  private static final Pattern IPV4 = Pattern.compile("^([0-9]{1,3}\\.){3}[0-9]{1,3}$");

  static NoProxyRule parse(String entry) {
    String e = entry.trim().toLowerCase(Locale.ROOT);
    if (e.equals("*")) {
      return new NoProxyRule("", null, 0);
    }
    String host;
    String prefix = null;
    if (e.startsWith("[") && e.contains("]")) { // [v6], [v6]/bits or [v6]:port
      host = e.substring(1, e.indexOf(']'));
      String rest = e.substring(e.indexOf(']') + 1);
      prefix = rest.startsWith("/") ? rest.substring(1) : null;
    } else {
      int slash = e.indexOf('/');
      host = slash < 0 ? e : e.substring(0, slash);
      prefix = slash < 0 ? null : e.substring(slash + 1);
    }
    byte[] bytes = literal(host);
    if (bytes != null) {
      int bits = bytes.length * 8;
      if (prefix != null) {
        bits = prefixBits(entry, prefix);
        if (bits > bytes.length * 8) {
          throw new IllegalArgumentException("\"" + entry + "\" has a prefix length out of range");
        }
      }
      return new NoProxyRule(null, bytes, bits);
    }
    if (prefix != null) {
      throw new IllegalArgumentException(
          "\"" + entry + "\" is not an address range; write e.g. 10.0.0.0/8");
    }
    int colon = host.lastIndexOf(':');
    String name = colon > 0 ? host.substring(0, colon) : host;
    return new NoProxyRule(name.startsWith(".") ? name.substring(1) : name, null, 0);
  }

  private static int prefixBits(String entry, String digits) {
    if (!digits.matches("[0-9]{1,3}")) {
      throw new IllegalArgumentException(
          "\"" + entry + "\" is not an address range; write e.g. 10.0.0.0/8");
    }
    return Integer.parseInt(digits);
  }

  boolean matches(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (network != null) {
      byte[] address = literal(h);
      return address != null && address.length == network.length && samePrefix(address);
    }
    return domain.isEmpty() || h.equals(domain) || h.endsWith("." + domain);
  }

  private boolean samePrefix(byte[] address) {
    int shift = network.length * 8 - prefixBits;
    return new BigInteger(1, address)
        .shiftRight(shift)
        .equals(new BigInteger(1, network).shiftRight(shift));
  }

  /**
   * The bytes of an IP address literal, or null for anything else. Only strings already known to be
   * literals reach InetAddress: a NO_PROXY check must never start a DNS lookup.
   */
  private static byte[] literal(String host) {
    boolean v4 = IPV4.matcher(host).matches();
    boolean v6 = !v4 && host.contains(":") && HttpUrl.parse("http://[" + host + "]/") != null;
    if (!v4 && !v6) {
      return null;
    }
    try {
      return InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException e) {
      return null; // 999.1.1.1: not an address after all
    }
  }
}
