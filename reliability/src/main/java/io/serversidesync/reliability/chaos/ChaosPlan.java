package io.serversidesync.reliability.chaos;

import static io.serversidesync.reliability.chaos.KillMoment.ACK_BEFORE_CONFIRM;
import static io.serversidesync.reliability.chaos.KillMoment.BULK_JOB;
import static io.serversidesync.reliability.chaos.KillMoment.RANDOM;
import static io.serversidesync.reliability.chaos.KillMoment.SNAPSHOT;

import io.serversidesync.sandbox.faults.FaultSettings;
import java.time.Duration;
import java.util.List;

/**
 * What a chaos run does: the workload, the runner's batching, the disturbances in order (each once
 * the writer has committed a share of its changes, so they all meet a moving stream), and the
 * destination's fault storm.
 *
 * @param scale a name for the reader (full, bounded)
 * @param keys distinct keys of the chaos table
 * @param changes changes the writer commits in total (the initial insert of every key included)
 * @param changesPerSecond the writer's pace between bursts
 * @param burstEvery paced changes between two bursts (an application's batch job)
 * @param burstSize changes of a burst, written as fast as Postgres takes them
 * @param writerThreads the writer's connections
 * @param steps the disturbances, in order
 * @param outage how long the destination is off the network
 * @param randomDelayMax longest delay before a random kill
 * @param momentTimeout how long to wait for a targeted kill moment before killing anyway
 * @param drainTimeout how long the runner may take to confirm everything after the writer ends
 * @param maxRecords spec.batching.maxRecords
 * @param bulkThreshold spec.batching.bulkThreshold (flushes this large go through Bulk API); 0
 *     leaves it unset (HubSpot has no Bulk API)
 * @param storm the destination's faults during the run
 * @param seed seed of the writer's and the harness's random choices
 * @param twoWay the two-way settings and the destination edits, null for a one-way run
 */
public record ChaosPlan(
    String scale,
    int keys,
    int changes,
    double changesPerSecond,
    int burstEvery,
    int burstSize,
    int writerThreads,
    List<Step> steps,
    Duration outage,
    Duration randomDelayMax,
    Duration momentTimeout,
    Duration drainTimeout,
    int maxRecords,
    int bulkThreshold,
    FaultSettings storm,
    long seed,
    TwoWay twoWay) {

  /**
   * A two-way run: spec.twoWay with SourceWins, and a user editing records in the destination
   * during the storm.
   *
   * @param pollInterval spec.twoWay.pollInterval
   * @param edits destination edits, each on another key
   * @param editsPerSecond their pace
   * @param quietKeys keys the writer's paced changes never touch after the initial insert
   * @param quietEdits how many edits go to those keys (their edits must all win, except these:)
   * @param supersededEdits how many of the quiet-key edits the writer follows with a change of the
   *     key in Postgres once the edit is made, which SourceWins must let win: so every run has
   *     edits that Postgres supersedes, however fast the machine
   * @param quiescenceTimeout how long the runner may take to go quiet at the end
   */
  public record TwoWay(
      Duration pollInterval,
      int edits,
      double editsPerSecond,
      int quietKeys,
      int quietEdits,
      int supersededEdits,
      Duration quiescenceTimeout) {}

  /** What a step does. */
  public enum Action {
    KILL,
    RESTART_POSTGRES,
    DESTINATION_OUTAGE,
    /** The destination's faults change (e.g. 429s of another policy), with a 429 burst at once. */
    STORM_CHANGE
  }

  /**
   * One disturbance.
   *
   * @param action what happens
   * @param moment for kills, the moment to kill at
   * @param atProgress the share of the writer's changes committed before it starts (0 to 1)
   * @param faults for a storm change, the destination's faults from then on
   * @param burstNow for a storm change, how many calls to answer with 429 at once
   * @param description for a storm change, what changes, for the reader
   */
  public record Step(
      Action action,
      KillMoment moment,
      double atProgress,
      FaultSettings faults,
      int burstNow,
      String description) {

    static Step kill(KillMoment moment, double atProgress) {
      return new Step(Action.KILL, moment, atProgress, null, 0, null);
    }

    static Step restartPostgres(double atProgress) {
      return new Step(Action.RESTART_POSTGRES, null, atProgress, null, 0, null);
    }

    static Step outage(double atProgress) {
      return new Step(Action.DESTINATION_OUTAGE, null, atProgress, null, 0, null);
    }

    static Step stormChange(
        FaultSettings faults, int burstNow, String description, double atProgress) {
      return new Step(Action.STORM_CHANGE, null, atProgress, faults, burstNow, description);
    }
  }

  /** The kills of the plan, in order. */
  public List<KillMoment> kills() {
    return steps.stream().filter(s -> s.action() == Action.KILL).map(Step::moment).toList();
  }

  /**
   * The storm: 10% 5xx, 429 bursts with Retry-After, 5% UNABLE_TO_LOCK_ROW, token expiry
   * every 500 calls, 50 ms latency.
   */
  public static FaultSettings storm(long seed) {
    return FaultSettings.none()
        .withSeed(seed)
        .withServerErrorRate(0.10)
        .withRateLimitBursts(0.02, 3, 1)
        .withLockRowRate(0.05)
        .withTokenExpiryEveryCalls(500)
        .withLatency(50, 0);
  }

  /**
   * The storm of the bounded one-way run: with its hundred-odd calls, a 429 burst starting at 2% of
   * the calls would miss a whole run about one time in fifteen (0.98^130), and the run would not
   * show that the runner honours Retry-After; at 8% that is about one in ten thousand (0.92^110).
   */
  private static FaultSettings boundedStorm(long seed) {
    return storm(seed).withRateLimitBursts(0.08, 3, 1);
  }

  /**
   * {@code make chaos}: 200,000 changes over 20,000 keys, 10 kills, a Postgres restart and the
   * destination off the network for 2 minutes, about four minutes of writing.
   */
  public static ChaosPlan full(long seed) {
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
            Step.kill(BULK_JOB, 0.12),
            Step.kill(ACK_BEFORE_CONFIRM, 0.20),
            Step.restartPostgres(0.26),
            Step.kill(RANDOM, 0.32),
            Step.kill(BULK_JOB, 0.38),
            Step.kill(ACK_BEFORE_CONFIRM, 0.44),
            Step.outage(0.48),
            Step.kill(RANDOM, 0.90),
            Step.kill(RANDOM, 0.96),
            Step.kill(RANDOM, 1.0)),
        Duration.ofMinutes(2),
        Duration.ofSeconds(8),
        Duration.ofSeconds(120),
        Duration.ofMinutes(10),
        200,
        2000,
        // coalescing leaves about 320 calls for the whole run: at the "every 500" no token
        // would ever expire, so the full run expires one every 100 calls
        storm(seed).withTokenExpiryEveryCalls(100),
        seed,
        null);
  }

  /**
   * The version inside {@code make test}: every kind of kill once, a Postgres restart and a short
   * outage, in about a minute of writing. Its hundred-odd calls would never reach a token expiry
   * every 500 calls, so tokens expire every 50.
   */
  public static ChaosPlan bounded(long seed) {
    return new ChaosPlan(
        "bounded",
        2_000,
        14_000,
        250,
        3_000,
        1_000,
        2,
        List.of(
            Step.kill(SNAPSHOT, 0),
            Step.kill(BULK_JOB, 0.15),
            Step.kill(ACK_BEFORE_CONFIRM, 0.35),
            Step.restartPostgres(0.5),
            Step.outage(0.6),
            Step.kill(RANDOM, 0.85)),
        Duration.ofSeconds(8),
        Duration.ofSeconds(4),
        Duration.ofSeconds(60),
        Duration.ofMinutes(3),
        50,
        500,
        boundedStorm(seed).withTokenExpiryEveryCalls(50),
        seed,
        null);
  }

  /**
   * {@code make chaos CHAOS_ARGS=--two-way}: the full plan with two-way on and 1,000 destination
   * edits during it, half of them on keys the writer leaves alone.
   */
  public static ChaosPlan twoWayFull(long seed) {
    return full(seed)
        .withTwoWay(
            new TwoWay(Duration.ofSeconds(2), 1_000, 5, 500, 500, 50, Duration.ofMinutes(3)));
  }

  /**
   * The two-way run inside {@code make test}, about a minute: a kill during the snapshot, one
   * between a destination ack and the slot confirm and one at random, a Postgres restart, a short
   * outage, the storm, and up to 150 destination edits.
   */
  public static ChaosPlan twoWayBounded(long seed) {
    return new ChaosPlan(
        "bounded",
        2_000,
        9_000,
        250,
        2_000,
        1_000,
        2,
        List.of(
            Step.kill(SNAPSHOT, 0),
            Step.kill(ACK_BEFORE_CONFIRM, 0.3),
            Step.restartPostgres(0.5),
            Step.outage(0.6),
            Step.kill(RANDOM, 0.85)),
        Duration.ofSeconds(6),
        Duration.ofSeconds(4),
        Duration.ofSeconds(60),
        Duration.ofMinutes(3),
        50,
        500,
        // the users' own calls (several hundred) meet the 2% bursts too, so bursts always happen;
        // more would slow the users below the edits the test needs
        storm(seed).withTokenExpiryEveryCalls(100),
        seed,
        new TwoWay(Duration.ofSeconds(2), 150, 8, 100, 75, 15, Duration.ofMinutes(2)));
  }

  /** The same plan with two-way on. */
  public ChaosPlan withTwoWay(TwoWay newTwoWay) {
    return new ChaosPlan(
        scale,
        keys,
        changes,
        changesPerSecond,
        burstEvery,
        burstSize,
        writerThreads,
        steps,
        outage,
        randomDelayMax,
        momentTimeout,
        drainTimeout,
        maxRecords,
        bulkThreshold,
        storm,
        seed,
        newTwoWay);
  }

  /** The same plan at another size (keys and changes), e.g. from the command line. */
  public ChaosPlan withSize(int newKeys, int newChanges) {
    return new ChaosPlan(
        scale,
        newKeys,
        newChanges,
        changesPerSecond,
        burstEvery,
        burstSize,
        writerThreads,
        steps,
        outage,
        randomDelayMax,
        momentTimeout,
        drainTimeout,
        maxRecords,
        bulkThreshold,
        storm,
        seed,
        twoWay);
  }

  /** The same plan with another destination outage. */
  public ChaosPlan withOutage(Duration newOutage) {
    return new ChaosPlan(
        scale,
        keys,
        changes,
        changesPerSecond,
        burstEvery,
        burstSize,
        writerThreads,
        steps,
        newOutage,
        randomDelayMax,
        momentTimeout,
        drainTimeout,
        maxRecords,
        bulkThreshold,
        storm,
        seed,
        twoWay);
  }
}
