/** The properties API: what each mapped property is (type, unique values, read-only, options). */
package io.serversidesync.runner.destination.hubspot.properties;
