package io.serversidesync.runner.destination.salesforce.bulk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The job fields the runner reads.
 *
 * @param id job id
 * @param state Open, UploadComplete, InProgress, JobComplete, Failed or Aborted
 * @param processed numberRecordsProcessed, or -1 if absent
 * @param failed numberRecordsFailed, or -1 if absent
 * @param errorMessage why the job failed, empty if it did not say
 */
record JobInfo(String id, String state, long processed, long failed, String errorMessage) {

  static JobInfo of(JsonNode node) {
    return new JobInfo(
        node.path("id").asText(""),
        node.path("state").asText(""),
        node.has("numberRecordsProcessed") ? node.path("numberRecordsProcessed").asLong(-1) : -1,
        node.has("numberRecordsFailed") ? node.path("numberRecordsFailed").asLong(-1) : -1,
        node.path("errorMessage").asText(""));
  }

  boolean finished() {
    return state.equals("JobComplete") || state.equals("Failed") || state.equals("Aborted");
  }

  boolean open() {
    return state.equals("Open");
  }
}
