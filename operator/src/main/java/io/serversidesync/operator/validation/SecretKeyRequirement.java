package io.serversidesync.operator.validation;

/**
 * One key the runner will read from a Secret.
 *
 * @param field the spec field that names the Secret, for messages
 * @param secret the Secret's name, in the resource's namespace
 * @param key the key inside the Secret
 * @param required false for keys the runner uses only when present
 */
public record SecretKeyRequirement(String field, String secret, String key, boolean required) {}
