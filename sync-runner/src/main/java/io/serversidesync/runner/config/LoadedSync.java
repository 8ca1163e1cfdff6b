package io.serversidesync.runner.config;

import io.serversidesync.api.v1alpha1.ServerSideSync;
import io.serversidesync.runner.destination.SecretLookup;

/**
 * A sync ready to run: the validated manifest (for the destination provider), the runner's
 * settings, and where Secrets are read.
 */
public record LoadedSync(ServerSideSync manifest, SyncSettings settings, SecretLookup secrets) {}
