package io.serversidesync.reliability.chaos;

import static io.serversidesync.reliability.chaos.KillMoment.ACK_BEFORE_CONFIRM;
import static io.serversidesync.reliability.chaos.KillMoment.RANDOM;
import static io.serversidesync.reliability.chaos.KillMoment.SNAPSHOT;
import static io.serversidesync.sandbox.faults.RateLimitPolicy.SECONDLY;
import static io.serversidesync.sandbox.faults.RateLimitPolicy.TEN_SECONDLY_ROLLING;

import io.serversidesync.reliability.chaos.ChaosPlan.Step;
import io.serversidesync.sandbox.faults.FaultSettings;
import io.serversidesync.sandbox.faults.RateLimitPolicy;
import java.time.Duration;
import java.util.List;

/**
 * The chaos plans against the sandbox's HubSpot API: no Bulk API (so no kill during a Bulk job), no
 * token expiry (a private app's token does not expire) and no locked rows; 5xx answers, and 429
 * bursts of both policies a runner waits out by itself, TEN_SECONDLY_ROLLING (the burst limit) then
 * SECONDLY. DAILY is not part of chaos: it waits until midnight in the account's time zone.
 */
final class HubSpotPlans {

  private HubSpotPlans() {}

  /**
   * HubSpot's storm: 10% 5xx (502, 504 or 500), 429s of {@code policy} at {@code burstRate} of the
   * calls, 20 ms latency. A "burst" is one call: a runner pauses for the policy's whole window (10
   * s for TEN_SECONDLY_ROLLING) after one 429, so each further 429 of a burst would only add a
   * window.
   */
  static FaultSettings storm(long seed, RateLimitPolicy policy, double burstRate) {
    return FaultSettings.none()
        .withSeed(seed)
        .withServerErrorRate(0.10)
        .withRateLimitBursts(burstRate, 1, 0)
        .withLatency(20, 0)
        .withRateLimitPolicy(policy);
  }

  /**
   * The HubSpot run inside {@code make test}, about a minute: 2,000 keys, a kill during the
   * snapshot, one between a destination ack and the slot confirm and one at random; 5xx throughout,
   * and one burst of 429s of each policy at a known moment (random bursts would make a short run's
   * 429s a matter of luck). The writer runs for 40 s and each kill moment may take up to 60 s to
   * come, as in Salesforce's bounded run: with 27 s of writing and 30 s, two busy CPU loops beside
   * the run once let the writer finish before the ack-before-confirm moment came.
   */
  static ChaosPlan bounded(long seed) {
    return new ChaosPlan(
        "bounded",
        2_000,
        8_000,
        200,
        2_000,
        1_000,
        2,
        List.of(
            Step.kill(SNAPSHOT, 0),
            Step.stormChange(
                storm(seed, TEN_SECONDLY_ROLLING, 0),
                1,
                "5xx and 429 " + TEN_SECONDLY_ROLLING,
                0.1),
            Step.kill(ACK_BEFORE_CONFIRM, 0.3),
            Step.stormChange(storm(seed, SECONDLY, 0), 2, "5xx and 429 " + SECONDLY, 0.55),
            Step.kill(RANDOM, 0.8)),
        Duration.ZERO,
        Duration.ofSeconds(3),
        Duration.ofSeconds(60),
        Duration.ofMinutes(2),
        100,
        0,
        storm(seed, TEN_SECONDLY_ROLLING, 0),
        seed,
        null);
  }

  /**
   * {@code make chaos CHAOS_ARGS="--destination hubspot"}: the full plan's workload, kills,
   * Postgres restart and outage (no Bulk job to kill in), 429 bursts of the burst limit's policy,
   * then of SECONDLY from the middle on.
   */
  static ChaosPlan full(long seed) {
    return new ChaosPlan(
        "full",
        20_000,
        200_000,
        600,
        15_000,
        4_000,
        2,
        List.of(
            Step.kill(SNAPSHOT, 0),
            Step.kill(RANDOM, 0.06),
            Step.kill(ACK_BEFORE_CONFIRM, 0.20),
            Step.restartPostgres(0.26),
            Step.kill(RANDOM, 0.32),
            Step.kill(ACK_BEFORE_CONFIRM, 0.44),
            Step.outage(0.48),
            Step.stormChange(storm(seed, SECONDLY, 0.02), 2, "5xx and 429 " + SECONDLY, 0.5),
            Step.kill(RANDOM, 0.90),
            Step.kill(RANDOM, 0.96),
            Step.kill(RANDOM, 1.0)),
        Duration.ofMinutes(2),
        Duration.ofSeconds(8),
        Duration.ofSeconds(120),
        Duration.ofMinutes(10),
        100,
        0,
        storm(seed, TEN_SECONDLY_ROLLING, 0.02),
        seed,
        null);
  }
}
