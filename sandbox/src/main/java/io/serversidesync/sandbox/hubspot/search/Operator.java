package io.serversidesync.sandbox.hubspot.search;

/** The filter operators the sandbox's search understands. */
public enum Operator {
  EQ,
  NEQ,
  LT,
  LTE,
  GT,
  GTE,
  HAS_PROPERTY,
  NOT_HAS_PROPERTY,
  IN
}
