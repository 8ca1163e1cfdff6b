package io.serversidesync.sandbox.hubspot.search;

import io.serversidesync.sandbox.hubspot.schema.PropertyDef;

/** One sort key: a property and its direction. */
record Sort(PropertyDef property, boolean ascending) {}
