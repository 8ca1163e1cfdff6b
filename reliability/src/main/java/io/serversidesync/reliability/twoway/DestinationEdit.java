package io.serversidesync.reliability.twoway;

/**
 * One edit a user made in the destination: Name__c of the record with external id {@code ref} set
 * to {@code value} through the REST API, with what Postgres and the destination held around it.
 *
 * @param number 1-based
 * @param ref the record's external id (the row's key)
 * @param value the Name__c the edit wrote (no writer change ever writes it)
 * @param quietKey whether the writer never changes the key after its initial insert
 * @param postgresSeq the row's seq read just before the edit, 0 when the row was deleted
 * @param destinationSeq the record's Seq__c the edit was made on: the same before and after the
 *     PATCH when {@code confirmed}
 * @param confirmed whether a read right after the PATCH showed the edit on the record it was made
 *     on (false: a forward write landed in between, so the edit's base is not known exactly)
 * @param acknowledgedLsn the runner's record, read just before the edit, of the newest change of
 *     the key the destination acknowledged ({@code synced_versions.forward_lsn}; 0 when none):
 *     below the key's last commit, the runner had not yet recorded that the destination held it
 * @param startNanos System.nanoTime() before Postgres was read
 * @param endNanos System.nanoTime() once the edit was confirmed
 * @param superseded whether the writer changed the key in Postgres right after the edit, to make
 *     Postgres supersede it
 */
public record DestinationEdit(
    int number,
    String ref,
    String value,
    boolean quietKey,
    long postgresSeq,
    long destinationSeq,
    boolean confirmed,
    long acknowledgedLsn,
    long startNanos,
    long endNanos,
    boolean superseded) {}
