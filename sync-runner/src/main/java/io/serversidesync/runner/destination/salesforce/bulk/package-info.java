/**
 * Bulk API 2.0 ingest jobs for large batches: CSV upload (RFC 4180 quoting, {@code #N/A} for
 * nulls), UploadComplete, polling with growing intervals, and per-record outcomes from the result
 * CSVs read by header name.
 */
package io.serversidesync.runner.destination.salesforce.bulk;
